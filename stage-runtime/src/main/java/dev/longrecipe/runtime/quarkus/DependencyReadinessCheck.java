package dev.longrecipe.runtime.quarkus;

import dev.longrecipe.runtime.Outages;
import dev.longrecipe.runtime.StageRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the stage waits for S3 or the broker to come back (a call is being retried within the outage budget),
 * saying what is awaited, since when and the last error; UP otherwise.
 */
@Readiness
@ApplicationScoped
public class DependencyReadinessCheck implements HealthCheck {
    @Inject
    StageRunner runner;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("stage-dependencies");
        var waits = runner.outages().current();
        if (waits.isEmpty()) {
            return response.up().build();
        }
        response.down();
        for (Outages.Wait wait : waits) {
            response.withData("waiting-for-" + wait.dependency().tag(), wait.describe());
        }
        return response.build();
    }
}
