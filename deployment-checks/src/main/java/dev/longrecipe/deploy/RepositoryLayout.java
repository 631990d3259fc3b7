package dev.longrecipe.deploy;

import dev.longrecipe.schema.Stage;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployment files and the services' configuration live in the repository. */
public record RepositoryLayout(Path root) {

    /** The repository root: the nearest folder, from {@code start} upwards, holding docker-compose.yml and k8s/. */
    public static RepositoryLayout find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("k8s"))) {
                return new RepositoryLayout(dir);
            }
        }
        throw new IllegalStateException("no folder above " + start.toAbsolutePath()
                + " holds docker-compose.yml and k8s/: run the checks from inside the LongRecipe repository");
    }

    /** The repository this JVM runs in (Maven runs tests in the module's folder). */
    public static RepositoryLayout current() {
        return find(Path.of(System.getProperty("user.dir")));
    }

    public Path composeFile() {
        return root.resolve("docker-compose.yml");
    }

    public Path prometheusConfig() {
        return root.resolve("deploy/prometheus.yml");
    }

    public Path grafanaDashboard() {
        return root.resolve("deploy/grafana/longrecipe.json");
    }

    /** k8s/overlays/&lt;name&gt;. */
    public Path overlay(String name) {
        return root.resolve("k8s/overlays").resolve(name);
    }

    public Path serviceModule(Stage stage) {
        return root.resolve(stage.id() + "-service");
    }

    /** {@code <stage>-service/src/main/resources/application.properties}. */
    public Path serviceProperties(Stage stage) {
        return serviceModule(stage).resolve("src/main/resources/application.properties");
    }
}
