package dev.longrecipe.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;

/**
 * A kind checked by binding it to its Java model (fabric8 for Kubernetes and Prometheus Operator kinds, Strimzi's
 * own model for Strimzi kinds): wrong value types fail the binding, unknown fields show up as additional properties.
 */
public final class ModelSchema implements ObjectSchema {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(new ObjectMapper(), false);

    private final Class<?> model;

    public ModelSchema(Class<?> model) {
        this.model = model;
    }

    @Override
    public List<String> violations(Map<String, Object> object) {
        Object bound;
        try {
            bound = SERIALIZATION.convertValue(object, model);
        } catch (IllegalArgumentException e) {
            return List.of("does not match " + model.getSimpleName() + ": " + rootMessage(e));
        }
        return UnknownFields.in(bound);
    }

    /** Binds {@code object} to {@code type} with the same mapper (for parts of objects checked by JSON schemas). */
    static <T> T bind(Object object, Class<T> type) {
        return SERIALIZATION.convertValue(object, type);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage().lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
        return model.getName();
    }
}
