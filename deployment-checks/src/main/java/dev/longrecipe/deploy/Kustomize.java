package dev.longrecipe.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Renders a kustomization with {@code kubectl kustomize} (offline: no cluster is contacted). */
public final class Kustomize {
    private static final List<Path> KUBECTL_CANDIDATES = List.of(Path.of("/usr/bin/kubectl"),
            Path.of("/usr/local/bin/kubectl"));

    private Kustomize() {
    }

    /** The rendered objects, in output order, as YAML maps. */
    public static List<Map<String, Object>> render(Path kustomizationDir) {
        if (!Files.isRegularFile(kustomizationDir.resolve("kustomization.yaml"))) {
            throw new IllegalArgumentException(kustomizationDir + " has no kustomization.yaml");
        }
        Path kubectl = kubectl();
        try {
            Path stderr = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", kustomizationDir.toString())
                        .redirectError(stderr.toFile()).start();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + kustomizationDir + " did not finish in 2 min");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + kustomizationDir + " failed (exit "
                            + process.exitValue() + "): " + Files.readString(stderr).strip());
                }
                return parseDocuments(new String(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + kubectl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + kustomizationDir, e);
        }
    }

    /** Every non-empty document of a multi-document YAML stream. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> parseDocuments(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (doc instanceof Map<?, ?> map) {
                docs.add((Map<String, Object>) map);
            } else if (doc != null) {
                throw new IllegalArgumentException("a rendered document is not a YAML mapping: " + doc);
            }
        }
        return docs;
    }

    /** kubectl (v1.27+ embeds kustomize v5, which these kustomizations need), or an error saying how to get it. */
    static Path kubectl() {
        for (Path candidate : KUBECTL_CANDIDATES) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (!dir.isBlank() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("kubectl is not installed (looked in /usr/bin, /usr/local/bin and PATH): the"
                + " deployment checks render k8s/ with `kubectl kustomize`. Install kubectl 1.27 or newer (it embeds"
                + " kustomize v5), e.g. the `kubectl` package from the Kubernetes apt repository (pkgs.k8s.io) —"
                + " Debian's own kubernetes-client 1.20 is too old for these kustomizations.");
    }
}
