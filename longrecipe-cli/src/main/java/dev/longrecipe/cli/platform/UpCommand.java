package dev.longrecipe.cli.platform;

import dev.longrecipe.stack.LocalStack;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code longrecipe up}: a real Kafka broker, a real S3 server and the five services, in the background. */
@Command(name = "up", description = "Start Kafka, S3 and the five stage services in the background (logs in "
        + ".stack/state/logs).")
public final class UpCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Platform platform = Platform.fromEnvironment();
        up(platform);
        return 0;
    }

    /** Starts whatever is not running yet; returns the stack. */
    public static LocalStack up(Platform platform) throws Exception {
        LocalStack stack = platform.startStack();
        System.out.printf("kafka    %s%ns3       %s (bucket %s)%n", stack.kafkaBootstrap(), stack.s3Endpoint(),
                stack.bucket());
        List<ServiceLauncher.RunningService> running = platform.services();
        if (running.size() < 5) {
            ServiceLauncher.stopAll(running);
            ServiceLauncher launcher = new ServiceLauncher(platform.home(), platform.logDir());
            running = launcher.startAll(Platform.serviceEnvironment(stack), platform.workDir());
            platform.saveServices(running);
        }
        for (ServiceLauncher.RunningService s : running) {
            System.out.printf("%-9s pid %-7d http://127.0.0.1:%d/q/health  /q/metrics%n", s.stage(), s.pid(),
                    s.httpPort());
        }
        System.out.println("logs     " + platform.logDir());
        return stack;
    }
}
