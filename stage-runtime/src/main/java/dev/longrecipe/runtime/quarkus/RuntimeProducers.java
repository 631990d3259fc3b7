package dev.longrecipe.runtime.quarkus;

import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.runtime.EventPublisher;
import dev.longrecipe.runtime.KafkaEventPublisher;
import dev.longrecipe.runtime.RetryPolicy;
import dev.longrecipe.runtime.RunnerSettings;
import dev.longrecipe.runtime.S3Settings;
import dev.longrecipe.runtime.StageHandler;
import dev.longrecipe.runtime.StageRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the plain-Java runtime (store, publisher, runner) from the service's configuration: {@link S3Config},
 * {@link StageRuntimeConfig}, {@code longrecipe.work-dir} (local scratch; each attempt gets a fresh folder below it)
 * and the Quarkus Kafka client settings ({@code kafka.*}).
 */
@ApplicationScoped
public class RuntimeProducers {

    @Produces
    @Singleton
    ArtifactStore artifactStore(S3Config s3) {
        return ArtifactStore.connect(new S3Settings(s3.endpoint(), s3.accessKey(), s3.secretKey(), s3.bucket()));
    }

    /** A producer configured like every Kafka client of the service (the {@code kafka.*} properties). */
    @Produces
    @Singleton
    KafkaEventPublisher eventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        return new KafkaEventPublisher(kafka);
    }

    void closePublisher(@Disposes KafkaEventPublisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    StageRunner stageRunner(Instance<StageHandler<?>> handlers, ArtifactStore store, KafkaEventPublisher publisher,
            MeterRegistry registry, StageRuntimeConfig stage,
            @ConfigProperty(name = "longrecipe.work-dir", defaultValue = "${java.io.tmpdir}/longrecipe-work")
            Path workDir) {
        if (!handlers.isResolvable()) {
            throw new IllegalStateException("a stage service needs exactly one StageHandler bean, found "
                    + handlers.stream().count() + "; annotate the service's handler with @ApplicationScoped");
        }
        EventPublisher events = publisher;
        return new StageRunner(handlers.get(), store, events, registry, new RunnerSettings(workDir,
                new RetryPolicy(stage.retryBackoff(), stage.maxBackoff(), stage.outageBudget()),
                stage.progressInterval()));
    }

    void closeRunner(@Disposes StageRunner runner) {
        runner.close();
    }
}
