package dev.longrecipe.cli.run;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.BenchmarkCompleted;
import dev.longrecipe.schema.events.Events;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code longrecipe report RUN}: fetches the run's HTML report and results and prints where they are. */
@Command(name = "report", description = "Download a run's HTML report and results.json; print their paths.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run id")
    String runId;

    @Override
    public Integer call() {
        Platform platform = Platform.fromEnvironment();
        try (RunClient client = RunClient.connect(platform)) {
            Path html = fetch(client, platform, runId);
            System.out.println(html);
        }
        return 0;
    }

    /** Downloads report.html and results.json of the latest completed evaluator attempt; returns the HTML path. */
    public static Path fetch(RunClient client, Platform platform, String runId) {
        int attempt = client.latestCompleted(runId, Stage.EVALUATOR).orElseThrow(() -> new IllegalArgumentException(
                "run '" + runId + "' has no completed evaluation yet; see ./longrecipe status " + runId));
        BenchmarkCompleted done = Events.<BenchmarkCompleted>parse(Topics.BENCHMARK_COMPLETED,
                client.store().getText(ObjectKeys.completed(runId, Stage.EVALUATOR, attempt))).payload();
        Path dir = platform.root().resolve("reports").resolve(runId);
        Path html = dir.resolve("report.html");
        client.store().downloadFile(done.reportKey(), html);
        client.store().downloadFile(done.resultsKey(), dir.resolve("results.json"));
        return html;
    }
}
