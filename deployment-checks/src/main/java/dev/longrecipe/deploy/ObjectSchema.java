package dev.longrecipe.deploy;

import java.util.List;
import java.util.Map;

/** What one kind of Kubernetes object may contain. */
public interface ObjectSchema {
    /** Problems with {@code object} (a rendered manifest as a YAML map), each naming the field; empty when valid. */
    List<String> violations(Map<String, Object> object);
}
