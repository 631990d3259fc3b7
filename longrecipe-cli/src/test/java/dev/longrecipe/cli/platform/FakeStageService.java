package dev.longrecipe.cli.platform;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A stand-in for a Quarkus stage service in its own JVM, started by {@link ServiceLauncher} from a jar exactly as a
 * real one: it answers {@code /q/health/live} and {@code /q/health/ready} on {@code -Dquarkus.http.port}, prints the
 * Kafka endpoint it was given, and exits when the JVM that started it does (so a killed test leaves nothing).
 */
public final class FakeStageService {

    private FakeStageService() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.getInteger("quarkus.http.port");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 10);
        server.createContext("/q/health/", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fake service on " + port + ", kafka " + System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
}
