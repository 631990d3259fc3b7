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
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
