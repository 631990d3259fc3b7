package dev.longrecipe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema check itself: it must reject what the API server (strict field validation) or an operator would. */
class ManifestSchemasTest {
    private final ManifestSchemas schemas = ManifestSchemas.platform();

    private List<String> check(String yaml) {
        return schemas.violations(Kustomize.parseDocuments(yaml));
    }

    @Test
    void acceptsAValidDeployment() {
        assertThat(check(DEPLOYMENT.formatted("imagePullPolicy: IfNotPresent"))).isEmpty();
    }

    @Test
    void rejectsAMisspeltContainerFieldNamingItsPath() {
        assertThat(check(DEPLOYMENT.formatted("imagePullPolice: IfNotPresent")))
                .containsExactly("Deployment d: spec.template.spec.containers[0]: unknown field(s) [imagePullPolice]");
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        assertThat(check(DEPLOYMENT.formatted("ports: {containerPort: 8080}"))).singleElement().asString()
                .startsWith("Deployment d: does not match Deployment");
    }

    @Test
    void rejectsAnUnknownFieldInAStrimziTopic() {
        assertThat(check("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t}
                spec: {topicName: t, partitions: 1, replicas: 1, retention: 5}
                """)).containsExactly("KafkaTopic t: spec: unknown field(s) [retention]");
    }

    @Test
    void rejectsAScaledObjectWithAnUnquotedLagThresholdAndAnUnknownTriggerKey() {
        List<String> problems = check("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: s}
                spec:
                  scaleTargetRef: {name: s}
                  triggers:
                    - type: kafka
                      metadata: {bootstrapServers: "k:9092", consumerGroup: g, topic: t, lagThreshold: 1, lagTreshold: "2"}
                """);
        assertThat(problems).hasSizeGreaterThanOrEqualTo(2).allMatch(p -> p.startsWith("ScaledObject s: "));
        assertThat(String.join("\n", problems)).contains("lagThreshold").contains("lagTreshold");
    }

    @Test
    void rejectsAnUnknownFieldInAServiceMonitorEndpoint() {
        assertThat(check("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: m}
                spec:
                  selector: {matchLabels: {a: b}}
                  endpoints: [{port: http, metricsPath: /q/metrics}]
                """)).containsExactly("ServiceMonitor m: spec.endpoints[0]: unknown field(s) [metricsPath]");
    }

    @Test
    void rejectsAKindWithoutSchema() {
        assertThat(check("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata: {name: j}
                spec: {}
                """)).singleElement().asString().startsWith("ScaledJob j: no schema for apiVersion keda.sh/v1alpha1");
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {app: d}}
              template:
                metadata: {labels: {app: d}}
                spec:
                  containers:
                    - name: c
                      image: i
                      %s
            """;
}
