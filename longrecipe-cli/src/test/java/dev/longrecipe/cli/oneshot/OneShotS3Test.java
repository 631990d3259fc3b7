package dev.longrecipe.cli.oneshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.runtime.S3Settings;
import dev.longrecipe.schema.Json;
import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.SharedTestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-shot commands on the real local S3 server: inputs read from {@code s3://} locations (the same resolver the
 * services use), the output written to an {@code s3://} prefix, and a missing object named by its location.
 */
class OneShotS3Test {
    static final Path MODEL = TinyInputs.fixtureModel("llama-default");
    private static ArtifactStore store;
    private static String prefix;

    @BeforeAll
    static void connect() {
        LocalStack stack = SharedTestStack.get();
        System.setProperty("longrecipe.s3.endpoint", stack.s3Endpoint());
        System.setProperty("longrecipe.s3.access-key", stack.accessKey());
        System.setProperty("longrecipe.s3.secret-key", stack.secretKey());
        store = ArtifactStore.connect(new S3Settings(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(),
                stack.bucket()));
        store.ensureBucket();
        prefix = "oneshot-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        store.uploadFolder(MODEL, prefix + "model");
    }

    @AfterAll
    static void clear() {
        System.clearProperty("longrecipe.s3.endpoint");
        System.clearProperty("longrecipe.s3.access-key");
        System.clearProperty("longrecipe.s3.secret-key");
    }

    private static String s3(String key) {
        return "s3://" + store.bucket() + "/" + prefix + key;
    }

    @Test
    void mergeReadsS3ModelsAndWritesItsOutputToS3(@TempDir Path tmp) throws Exception {
        OneShotCli.Result r = OneShotCli.run("merge", "--base", s3("model"), "--other", MODEL.toString(),
                "--out", s3("merged/"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("merged 21 tensors").contains("uploaded").contains(s3("merged/"));
        assertThat(store.list(prefix + "merged/")).contains(prefix + "merged/config.json",
                prefix + "merged/model.safetensors");
        Path merged = store.downloadFolder(prefix + "merged/", tmp.resolve("merged"));
        try (HfModelFolder in = HfModelFolder.open(MODEL); HfModelFolder out = HfModelFolder.open(merged)) {
            for (String name : in.tensorNames()) {
                assertThat(out.readFloat32(name)).as(name).containsExactly(in.readFloat32(name));
            }
        }

        OneShotCli.Result again = OneShotCli.run("merge", "--base", s3("model"), "--other", MODEL.toString(),
                "--out", s3("merged/"));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("output folder (--out) already exists: " + s3("merged/"));
    }

    @Test
    void aMissingS3InputIsNamedByItsLocation(@TempDir Path tmp) {
        OneShotCli.Result r = OneShotCli.run("merge", "--base", s3("no-such-model/"), "--other", MODEL.toString(),
                "--out", tmp.resolve("m").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(s3("no-such-model/")).contains("does not exist").contains("--base");
        assertThat(Files.exists(tmp.resolve("m"))).isFalse();
    }

    @Test
    void analyzeAndSegmentReadModelsAndCorpusFromS3(@TempDir Path tmp) throws Exception {
        store.uploadFolder(TinyInputs.tinyLlama(tmp.resolve("base"), 1, 10_000), prefix + "base");
        store.uploadFolder(TinyInputs.tinyLlama(tmp.resolve("reference"), 2, 40_000), prefix + "reference");
        store.uploadFile(TinyInputs.kjvChapters(tmp.resolve("kjv.jsonl"), 4), prefix + "kjv.jsonl");

        OneShotCli.Result analyzed = OneShotCli.run("analyze", "--model", s3("base/"), "--reference", s3("reference"),
                "--corpus", s3("kjv.jsonl"), "--out", tmp.resolve("analysis").toString(),
                "--set", "analyzer.samples=1", "--set", "analyzer.length=48", "--set", "targetLength=256");
        assertThat(analyzed.exitCode()).as(analyzed.err()).isZero();
        assertThat(tmp.resolve("analysis/report.json")).exists();

        OneShotCli.Result segmented = OneShotCli.run("segment", "--corpus", s3("kjv.jsonl"), "--model", s3("base"),
                "--report", tmp.resolve("analysis/report.json").toString(), "--out", s3("samples"),
                "--set", "targetLength=256");
        assertThat(segmented.exitCode()).as(segmented.err()).isZero();
        assertThat(store.list(prefix + "samples/")).contains(prefix + "samples/manifest.json",
                prefix + "samples/stats.json");
        assertThat(Json.MAPPER.readTree(store.getText(prefix + "samples/stats.json")).get("targetLength").asInt())
                .isEqualTo(256);
    }
}
