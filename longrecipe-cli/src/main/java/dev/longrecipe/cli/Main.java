package dev.longrecipe.cli;

import dev.longrecipe.cli.demo.DemoCommand;
import dev.longrecipe.cli.demo.MakeBaseModelCommand;
import dev.longrecipe.cli.platform.DownCommand;
import dev.longrecipe.cli.platform.UpCommand;
import dev.longrecipe.cli.run.ReportCommand;
import dev.longrecipe.cli.run.RerunCommand;
import dev.longrecipe.cli.run.StatusCommand;
import dev.longrecipe.cli.run.SubmitCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./longrecipe}: the local platform (up/down), runs (submit/status/rerun/report/demo) and one-shot stages. */
@Command(name = "longrecipe", mixinStandardHelpOptions = true, version = "longrecipe 0.1.0",
        description = "Extend the context window of Llama-family models with LongRecipe.",
        subcommands = {UpCommand.class, DownCommand.class, SubmitCommand.class, StatusCommand.class,
                RerunCommand.class, ReportCommand.class, dev.longrecipe.cli.run.PruneSweepCommand.class,
                MakeBaseModelCommand.class, DemoCommand.class, dev.longrecipe.cli.plan.PlanCommand.class,
                dev.longrecipe.cli.chaos.ChaosCommand.class,
                dev.longrecipe.cli.corpus.MakeCorpusCommand.class,
                dev.longrecipe.cli.oneshot.AnalyzeCommand.class, dev.longrecipe.cli.oneshot.SegmentCommand.class,
                dev.longrecipe.cli.oneshot.TrainCommand.class, dev.longrecipe.cli.oneshot.MergeCommand.class,
                dev.longrecipe.cli.oneshot.EvalCommand.class, dev.longrecipe.cli.oneshot.LogitsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the error handling every invocation gets (tests use it too). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Errors of ours already say what is wrong and what to do; no stack trace for them.
            cmd.getErr().println("longrecipe: " + e.getMessage());
            if (System.getenv("LONGRECIPE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli;
    }
}
