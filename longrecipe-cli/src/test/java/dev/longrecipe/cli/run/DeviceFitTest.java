package dev.longrecipe.cli.run;

import dev.longrecipe.cli.plan.PlanCommand;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceFitTest {
    @Test
    void aRunThatCannotFitTheDeclaredDeviceIsRefusedWithTheNumbers() throws Exception {
        Path dir = Path.of("../docs/plan");
        RunSpec spec = RunSpecs.parse(Files.readString(dir.resolve("paper-llama3-8b-80k.yaml")), Map.of());
        var llama3 = PlanCommand.readConfig(dir.resolve("llama-3-8b"));
        assertThatThrownBy(() -> DeviceFit.check(spec, llama3, 80L << 30, "80GiB"))
                .hasMessageContaining("does not fit the declared device (--device-memory 80GiB = 80.0 GiB)")
                .hasMessageContaining("nothing was uploaded")
                .hasMessageContaining("extension needs ").hasMessageContaining("alone take 120.7 GiB")
                .hasMessageContaining("./longrecipe plan SPEC --device-memory 80GiB");
    }

    @Test
    void theDemoFitsAnEightGigabyteDevice() throws Exception {
        RunSpec spec = RunSpecs.parse(Files.readString(Path.of("../demo/spec.yaml")), Map.of());
        var demo = PlanCommand.readConfig(Path.of("../demo/base-model"));
        assertThatCode(() -> DeviceFit.check(spec, demo, 8L << 30, "8GiB")).doesNotThrowAnyException();
    }
}
