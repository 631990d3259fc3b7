package dev.longrecipe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A kind without a Java model (KEDA's), checked against a JSON schema bundled in this module under
 * {@code schemas/}; its {@code metadata} is bound to Kubernetes' ObjectMeta like any other object's.
 */
public final class BundledJsonSchema implements ObjectSchema {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String resource;
    private final JsonSchema schema;

    public BundledJsonSchema(String resource) {
        this.resource = resource;
        try (InputStream in = BundledJsonSchema.class.getResourceAsStream("/schemas/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled schema schemas/" + resource + " is missing from the classpath");
            }
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> violations(Map<String, Object> object) {
        JsonNode node = JSON.valueToTree(object);
        List<String> problems = new ArrayList<>(schema.validate(node).stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage).toList());
        Object metadata = object.get("metadata");
        if (metadata != null) {
            try {
                UnknownFields.in(ModelSchema.bind(metadata, ObjectMeta.class)).forEach(p -> problems.add("metadata." + p));
            } catch (IllegalArgumentException e) {
                problems.add("metadata does not match ObjectMeta: " + ModelSchema.rootMessage(e));
            }
        }
        return problems;
    }

    @Override
    public String toString() {
        return "schemas/" + resource;
    }
}
