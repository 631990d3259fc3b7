package dev.longrecipe.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lookups in rendered manifests (YAML maps) by kind, name and path. */
public final class Manifests {
    private final List<Map<String, Object>> objects;

    public Manifests(List<Map<String, Object>> objects) {
        this.objects = List.copyOf(objects);
    }

    public List<Map<String, Object>> all() {
        return objects;
    }

    public List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    /** The object of that kind whose name is {@code name}, or whose generated name is {@code name-<hash>}. */
    public Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> {
            String n = String.valueOf(at(o, "metadata.name"));
            return n.equals(name) || n.matches(java.util.regex.Pattern.quote(name) + "-[a-z0-9]{10}");
        }).findFirst();
    }

    public Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " rendered"));
    }

    /** The value at a dotted path; list elements as {@code containers[0]}; null when absent. */
    @SuppressWarnings("unchecked")
    public static Object at(Object root, String path) {
        Object node = root;
        for (String part : path.split("\\.(?![^\\[]*\\])")) {
            if (node == null) {
                return null;
            }
            String key = part;
            Integer index = null;
            int bracket = part.indexOf('[');
            if (bracket >= 0 && part.endsWith("]")) {
                key = part.substring(0, bracket);
                index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
            }
            if (!key.isEmpty()) {
                node = node instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(key) : null;
            }
            if (index != null) {
                node = node instanceof List<?> l && index < l.size() ? l.get(index) : null;
            }
        }
        return node;
    }

    static String describe(Map<String, Object> object) {
        return object.get("kind") + " " + at(object, "metadata.name");
    }
}
