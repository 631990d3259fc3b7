package dev.longrecipe.cli.run;

import dev.longrecipe.cli.plan.PlanCommand;
import dev.longrecipe.cli.plan.RunPlanner;
import dev.longrecipe.cli.plan.Sizes;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.plan.TrainingMemory;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code submit --device-memory SIZE}: the planner's check ({@link RunPlanner}) at submission, so a run that cannot
 * fit the declared device is refused before anything is uploaded, with the numbers and what to change.
 */
final class DeviceFit {
    private DeviceFit() {
    }

    static void check(ArtifactStore store, Path specFile, Map<String, String> overrides, String deviceMemory)
            throws IOException {
        RunSpec spec = RunSpecs.parse(Files.readString(specFile), overrides);
        ModelConfig base = baseConfig(store, specFile, spec.baseModel());
        check(spec, base, Sizes.parse(deviceMemory), deviceMemory);
    }

    /** @throws IllegalArgumentException naming every stage that does not fit and what to change */
    static void check(RunSpec spec, ModelConfig base, long deviceBytes, String declared) {
        RunPlanner.Plan plan = RunPlanner.gpu(deviceBytes, 0)
                .plan(spec, base, spec.contextLengthOr(base.maxPositionEmbeddings()));
        if (plan.fits()) {
            return;
        }
        StringBuilder why = new StringBuilder("the run does not fit the declared device (--device-memory " + declared
                + " = " + TrainingMemory.human(deviceBytes) + "); nothing was uploaded:");
        plan.advice().forEach(a -> why.append("\n  - ").append(a));
        plan.stages().stream().filter(s -> !s.fits() && s.bytes() >= 0).forEach(s -> why.append("\n  - ")
                .append(s.stage()).append(" needs ").append(TrainingMemory.human(s.bytes())).append(" (")
                .append(s.what()).append(")"));
        why.append("\n  see ./longrecipe plan SPEC --device-memory ").append(declared);
        throw new IllegalArgumentException(why.toString());
    }

    private static ModelConfig baseConfig(ArtifactStore store, Path specFile, String location) {
        Path local = location.startsWith("s3://") ? null : specFile.toAbsolutePath().getParent().resolve(location);
        if (local != null && Files.isDirectory(local)) {
            return PlanCommand.readConfig(local);
        }
        String key = store.keyOf(location);
        String folder = key.endsWith("/") ? key : key + "/";
        try {
            return ModelConfig.parse(Json.MAPPER.readTree(store.getText(folder + "config.json",
                    "give baseModel as a model folder (local or in S3) that holds config.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + "config.json: " + e.getMessage(), e);
        }
    }
}
