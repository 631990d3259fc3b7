package dev.longrecipe.cli.platform;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code longrecipe down}: stops the services, then Kafka and S3. Data in .stack/state stays for the next up. */
@Command(name = "down", description = "Stop the services, Kafka and S3 (their data stays in .stack/state).")
public final class DownCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Platform platform = Platform.fromEnvironment();
        System.out.println("stopping the services (a training trainer first finishes its step and writes a checkpoint),"
                + " then Kafka and S3 …");
        boolean stopped = platform.stop();
        System.out.println(stopped ? "stopped" : "nothing was running");
        return 0;
    }
}
