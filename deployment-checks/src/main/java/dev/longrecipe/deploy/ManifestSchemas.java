package dev.longrecipe.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one registry of kinds the manifests may contain, keyed {@code apiVersion/kind}. A kind not listed here is an
 * error (add its model or schema here), never silently accepted.
 */
public final class ManifestSchemas {
    private final Map<String, ObjectSchema> byKind = new LinkedHashMap<>();

    /** Kubernetes core kinds, Strimzi, Prometheus Operator and KEDA, as the manifests use them. */
    public static ManifestSchemas platform() {
        ManifestSchemas s = new ManifestSchemas();
        s.models("v1", Namespace.class, ConfigMap.class, Secret.class, Service.class);
        s.models("apps/v1", Deployment.class);
        s.models("batch/v1", Job.class);
        s.models("monitoring.coreos.com/v1", ServiceMonitor.class, PodMonitor.class);
        s.models("kafka.strimzi.io/v1beta2", KafkaTopic.class, KafkaUser.class, Kafka.class, KafkaNodePool.class);
        s.register("keda.sh/v1alpha1", "ScaledObject", new BundledJsonSchema("keda.sh-v1alpha1-ScaledObject.json"));
        s.register("keda.sh/v1alpha1", "TriggerAuthentication",
                new BundledJsonSchema("keda.sh-v1alpha1-TriggerAuthentication.json"));
        return s;
    }

    public void register(String apiVersion, String kind, ObjectSchema schema) {
        byKind.put(apiVersion + "/" + kind, schema);
    }

    /** Kinds checked against their fabric8 model classes, whose simple names are the kinds. */
    private void models(String apiVersion, Class<?>... modelClasses) {
        for (Class<?> model : modelClasses) {
            register(apiVersion, model.getSimpleName(), new ModelSchema(model));
        }
    }

    /** Every problem of every object, each prefixed with the object's kind and name. */
    public List<String> violations(List<Map<String, Object>> objects) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            String id = Manifests.describe(object);
            ObjectSchema schema = byKind.get(object.get("apiVersion") + "/" + object.get("kind"));
            if (schema == null) {
                problems.add(id + ": no schema for apiVersion " + object.get("apiVersion") + " kind "
                        + object.get("kind") + "; known: " + new TreeSet<>(byKind.keySet())
                        + " (add one to ManifestSchemas.platform())");
                continue;
            }
            schema.violations(object).forEach(p -> problems.add(id + ": " + p));
        }
        return problems;
    }
}
