package dev.longrecipe.stack.child;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Main class of the Kafka child JVM: formats the KRaft log directory on first start (kept as it is
 * afterwards), then runs the broker+controller exactly as {@code kafka-server-start.sh} would.
 *
 * <p>Arguments: {@code <server.properties> <cluster id>}.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: KafkaBrokerMain <server.properties> <cluster id>");
            System.exit(2);
        }
        ParentWatchdog.exitWhenParentDies();
        String serverProperties = args[0];
        String clusterId = args[1];
        // static quorum (controller.quorum.voters), so no --standalone; an already formatted directory is kept
        int formatted = StorageTool.execute(new String[] {
                "format", "--ignore-formatted", "--cluster-id", clusterId, "--config", serverProperties}, System.out);
        if (formatted != 0) {
            System.err.println("local-stack: formatting the Kafka log directory failed with exit code " + formatted);
            System.exit(formatted);
        }
        Kafka.main(new String[] {serverProperties});
    }
}
