package dev.longrecipe.cli.platform;

import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.Recovery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code longrecipe up}: a real Kafka broker, a real S3 server and the five services, in the background. Run again,
 * it heals: whatever died or hangs is restarted (the servers on their ports), everything healthy is left alone.
 */
@Command(name = "up", description = "Start Kafka, S3 and the five stage services in the background, or restart"
        + " only those that died (logs in .stack/state/logs).")
public final class UpCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Platform platform = Platform.fromEnvironment();
        up(platform);
        return 0;
    }

    /** Starts or heals the platform, prints what was done and where everything is; returns the stack. */
    public static LocalStack up(Platform platform) throws Exception {
        StackSupervisor.Healed healed = new StackSupervisor(platform).heal();
        System.out.print(Recovery.table(healed.recoveries()));
        if (healed.recoveries().stream().noneMatch(Recovery::acted)) {
            System.out.println("everything is up; nothing to do");
        }
        LocalStack stack = healed.stack();
        System.out.printf("%nkafka     %s%ns3        %s (bucket %s)%n", stack.kafkaBootstrap(), stack.s3Endpoint(),
                stack.bucket());
        for (ServiceLauncher.RunningService s : healed.services()) {
            System.out.printf("%-9s pid %-7d http://127.0.0.1:%d/q/health  /q/metrics%n", s.stage(), s.pid(),
                    s.httpPort());
        }
        System.out.println("logs      " + platform.logDir());
        return stack;
    }
}
