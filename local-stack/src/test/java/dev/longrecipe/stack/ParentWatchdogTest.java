package dev.longrecipe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParentWatchdogTest {

    @Test
    void aServerExitsWhenTheJvmThatStartedItDiesWithoutRunningShutdownHooks() throws Exception {
        StackLayout layout = new StackLayout(Path.of("target", "watchdog-stack"));
        ConfigFiles.deleteRecursively(layout.stateDir());
        // stands in for a test JVM that gets SIGKILLed
        Process parent = new ProcessBuilder("sleep", "120").start();
        int port = FreePorts.loopback(1)[0];
        Process server = S3Server.launch(layout, port, "watchdog", "watchdog-secret", OptionalLong.of(parent.pid()));
        try {
            Readiness.await(S3Server.SERVER_NAME, server, layout.log(StackServer.S3), Instant.now().plusSeconds(60),
                    () -> Readiness.portOpen(port));

            parent.destroyForcibly();

            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server exited after its parent died").isTrue();
        } finally {
            server.destroyForcibly();
            parent.destroyForcibly();
        }
        assertThat(ChildJvm.tail(layout.log(StackServer.S3), 20)).contains("parent JVM " + parent.pid() + " exited");
        ConfigFiles.deleteRecursively(layout.stateDir());
    }
}
