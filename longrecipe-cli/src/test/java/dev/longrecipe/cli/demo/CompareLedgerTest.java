package dev.longrecipe.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareLedgerTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void lapsAddUpAcrossAnInterruptionAndAServiceRestart() throws Exception {
        Map<Long, Double> cpu = new HashMap<>(Map.of(100L, 5.0, 200L, 1.0));
        CompareLedger ledger = new CompareLedger(dir);

        // the first session: two laps, then the machine goes away (no final lap, no finish)
        RunCost first = new RunCost(() -> Map.copyOf(cpu), 0);
        cpu.put(100L, 65.0);
        ledger.add("pose", first.lap(60 * SECOND));
        cpu.put(100L, 125.0);
        cpu.put(200L, 2.0);
        ledger.add("pose", first.lap(120 * SECOND));
        assertThat(ledger.get("pose")).isEqualTo(new RunCost.Measured(120, 121));

        // the next session: new service processes (new pids), resumed; what they used before the start is not counted
        cpu.clear();
        cpu.put(300L, 10.0);
        RunCost resumed = new RunCost(() -> Map.copyOf(cpu), 1000 * SECOND);
        cpu.put(300L, 40.0);
        cpu.put(400L, 7.0); // a service restarted during the run counts from its own start
        ledger.add("pose", resumed.lap(1030 * SECOND));
        ledger.finish("pose");

        assertThat(ledger.get("pose")).isEqualTo(new RunCost.Measured(150, 158));
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("pose.json");
    }

    @Test
    void theEtaCountsOnlyFinishedRunsOtherThanFlt() throws Exception {
        CompareLedger ledger = new CompareLedger(dir);
        List<String> methods = List.of("longrecipe", "flt", "pose", "rpes");
        ledger.add("longrecipe", new RunCost.Measured(600, 500));
        assertThat(ledger.progressLine(0, methods))
                .isEqualTo("== compare: method 1/4 (longrecipe); 10 min measured so far; 3 more after it (an"
                        + " estimate after the first finished run)");

        ledger.finish("longrecipe");
        ledger.add("flt", new RunCost.Measured(300, 300)); // cut off half-way: measured, not a finished run
        assertThat(ledger.progressLine(1, methods))
                .isEqualTo("== compare: method 2/4 (flt); 15 min measured so far; 2 more after it, about 10 min"
                        + " each (mean of 1 finished run)");
        assertThat(ledger.progressLine(0, methods)).endsWith("; FLT takes several times longer");

        ledger.add("flt", new RunCost.Measured(3000, 3000));
        ledger.finish("flt"); // FLT's hour does not stand for PoSE's and RPES's time
        ledger.add("pose", new RunCost.Measured(1200, 1000));
        ledger.finish("pose");
        assertThat(ledger.progressLine(2, methods))
                .isEqualTo("== compare: method 3/4 (pose); 85 min measured so far; 1 more after it, about 15 min"
                        + " each (mean of 2 finished runs)");
        assertThat(ledger.progressLine(3, methods)).endsWith("; the last method to run");
    }
}
