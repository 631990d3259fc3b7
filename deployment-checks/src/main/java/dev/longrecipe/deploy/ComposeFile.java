package dev.longrecipe.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docker-compose.yml as data, with YAML anchors and merge keys ({@code <<: *stage-env}) resolved. */
public final class ComposeFile {
    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    public static ComposeFile read(Path file) {
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            if (!(doc instanceof Map<?, ?> map) || !(map.get("services") instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(file + " is not a compose file: it has no 'services' mapping");
            }
            return new ComposeFile((Map<String, Object>) map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> services() {
        return (Map<String, Object>) root.get("services");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> service(String name) {
        Object s = services().get(name);
        if (!(s instanceof Map<?, ?>)) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'; it has " + services().keySet());
        }
        return (Map<String, Object>) s;
    }

    public String image(String service) {
        return String.valueOf(service(service).get("image"));
    }

    /** The service's environment in either compose form (mapping or list of NAME=value), values as strings. */
    public Map<String, String> environment(String service) {
        Object env = service(service).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (env instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return out;
    }

    /** depends_on as service → condition (the short list form means service_started). */
    public Map<String, String> dependsOn(String service) {
        Object deps = service(service).get("depends_on");
        Map<String, String> out = new LinkedHashMap<>();
        if (deps instanceof List<?> list) {
            list.forEach(d -> out.put(String.valueOf(d), "service_started"));
        } else if (deps instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k),
                    String.valueOf(Manifests.at(v, "condition") == null ? "service_started" : Manifests.at(v, "condition"))));
        }
        return out;
    }

    /** The value at a dotted path below the service (e.g. {@code deploy.resources.reservations.devices[0].driver}). */
    public Object at(String service, String path) {
        return Manifests.at(service(service), path);
    }
}
