package dev.longrecipe.trainer;

import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.llama.ParameterSpec;

import java.nio.file.Path;

/**
 * Builds the model a phase trains: always the base model (so the saved folders keep its dtype, config form and
 * tokenizer files), moved to the target RoPE parameters and window, then — when resuming or starting the replay
 * phase — given the weights of a checkpoint folder this trainer wrote.
 */
final class ModelWeights {
    private ModelWeights() {
    }

    static LlamaModel load(Path baseModelDir, RopeParameters rope, int targetLength, Path weightsFrom) {
        LlamaModel model = LlamaModel.load(baseModelDir);
        try {
            model.setRope(rope, targetLength);
            if (weightsFrom != null) {
                try (HfModelFolder folder = HfModelFolder.open(weightsFrom)) {
                    for (ParameterSpec spec : model.parameterSpecs()) {
                        model.setParameterValues(spec.name(), folder.readFloat32(spec.name()));
                    }
                }
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
