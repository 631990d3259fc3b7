package dev.longrecipe.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.trainer.checkpoint.CheckpointStore;
import dev.longrecipe.trainer.data.SampleOrder;
import dev.longrecipe.trainer.data.SampleStream;
import dev.longrecipe.trainer.data.SampleWindowCheck;
import dev.longrecipe.draw.SamplesManifest;
import dev.longrecipe.draw.sample.SpanSampler;
import dev.longrecipe.trainer.data.ShardDirectory;
import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.trainer.progress.TrainingLog;
import dev.longrecipe.trainer.rope.TargetRope;
import dev.longrecipe.trainer.testing.TinyTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.longrecipe.trainer.testing.TinyTraining.L;
import static dev.longrecipe.trainer.testing.TinyTraining.L_PRIME;
import static org.assertj.core.api.Assertions.assertThat;

class CheckpointLogitsTest {
    @TempDir
    Path tmp;

    @Test
    void aSavedCheckpointLoadsInModelCoreAndGivesTheInMemoryModelsLogits() throws Exception {
        Path base = TinyTraining.baseModel(tmp.resolve("base"));
        Path samplesDir = TinyTraining.samples(tmp.resolve("samples"), 1, 4, 50, L_PRIME, 5);
        RunSpec spec = TinyTraining.spec("{extension: {steps: 3, batchSize: 2, lr: 1.0e-3}}");
        RopeParameters rope = TargetRope.forTarget(ModelConfig.read(base.resolve("config.json")), spec.trainer(), L,
                L_PRIME);
        PhaseSetup setup = new PhaseSetup(Phase.EXTENSION, spec.trainer().extension(), 3, 2, false, "s", "d", true);
        ShardDirectory samples = ShardDirectory.open(samplesDir, L_PRIME,
                () -> SpanSampler.of(SamplesManifest.settings(samplesDir)));
        CheckpointStore store = new CheckpointStore(tmp.resolve("out/extension"), 2);

        TrainingLog log = TrainingLog.open(tmp.resolve("out"), null, 0);
        try (LlamaModel trained = ModelWeights.load(base, rope, L_PRIME, null);
             SampleStream stream = new SampleStream(new SampleOrder(samples.shards(), 1), samples,
                     new SampleWindowCheck(L_PRIME, 512), 0)) {
            new PhaseRunner(setup, trained, store, log, ProgressListener.NONE, CheckpointListener.NONE, () -> false)
                    .run(PhaseRunner.Start.fresh(), stream);

            try (LlamaModel loaded = LlamaModel.load(store.finalDir());
                 LlamaModel untouched = LlamaModel.load(base);
                 NDManager m = NDManager.newBaseManager()) {
                assertThat(loaded.config().rope().theta()).isEqualTo(rope.theta());
                assertThat(loaded.config().maxPositionEmbeddings()).isEqualTo(L_PRIME);
                long[] ids = {5, 17, 99, 3, 250, 42, 7, 8};
                long[] positions = {0, 9, 31, 32, 33, 120, 200, 255};
                NDArray x = m.create(ids, new Shape(1, ids.length));
                NDArray p = m.create(positions, new Shape(1, ids.length));
                float[] inMemory = trained.score(x, p).toFloatArray();
                float[] fromDisk = loaded.score(x, p).toFloatArray();
                assertThat(fromDisk).isEqualTo(inMemory);
                assertThat(untouched.score(x, p).toFloatArray()).as("training changed the model")
                        .isNotEqualTo(inMemory);
            }
        }
    }
}
