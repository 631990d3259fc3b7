package dev.longrecipe.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds fields a typed model did not know. fabric8's Kubernetes model and Strimzi's model keep every JSON field they
 * have no property for in {@code getAdditionalProperties()}: a non-empty map anywhere in the object graph is a
 * misspelt or misplaced field that the API server (strict field validation) would reject.
 */
final class UnknownFields {
    private static final String ADDITIONAL = "getAdditionalProperties";

    private UnknownFields() {
    }

    /** "spec.template.spec.containers[0]: unknown field(s) [imagePullPolice]", one per object with extras. */
    static List<String> in(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (!isModel(value.getClass()) || !seen.add(value)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!isPropertyGetter(getter)) {
                continue;
            }
            Object child = invoke(getter, value);
            if (ADDITIONAL.equals(getter.getName())) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add((path.isEmpty() ? "(top level)" : path.substring(1)) + ": unknown field(s) "
                            + new TreeSet<>(extra.keySet().stream().map(String::valueOf).toList()));
                }
            } else {
                walk(child, path + "." + propertyName(getter), found, seen);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith("io.fabric8.") || name.startsWith("io.strimzi.");
    }

    private static boolean isPropertyGetter(Method m) {
        if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class
                || !isModel(m.getDeclaringClass())) {
            return false;
        }
        String n = m.getName();
        return (n.startsWith("get") && n.length() > 3) || (n.startsWith("is") && n.length() > 2
                && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class));
    }

    private static String propertyName(Method getter) {
        String n = getter.getName().startsWith("is") ? getter.getName().substring(2) : getter.getName().substring(3);
        return n.substring(0, 1).toLowerCase(Locale.ROOT) + n.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null; // derived, non-data accessors (e.g. computed names) carry no manifest fields
        }
    }
}
