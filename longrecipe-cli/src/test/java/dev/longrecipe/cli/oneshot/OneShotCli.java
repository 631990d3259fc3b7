package dev.longrecipe.cli.oneshot;

import dev.longrecipe.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code longrecipe …} in-process with stdout and stderr captured. */
final class OneShotCli {
    record Result(int exitCode, String out, String err) {
    }

    private OneShotCli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        // the handler Main.main installs: our exceptions carry the message a user needs, printed without a trace
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("longrecipe: " + e.getMessage());
            return 1;
        });
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
