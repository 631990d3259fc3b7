package dev.longrecipe.runtime.quarkus;

import dev.longrecipe.runtime.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the artifact store answers and the platform bucket exists (Kafka has its own checks). */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {
    @Inject
    ArtifactStore store;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("artifact-store")
                .withData("endpoint", store.settings().endpoint()).withData("bucket", store.bucket());
        try {
            boolean exists = store.bucketExists();
            return (exists ? response.up() : response.down().withData("problem", "bucket does not exist")).build();
        } catch (RuntimeException e) {
            return response.down().withData("problem", String.valueOf(e.getMessage())).build();
        }
    }
}
