package dev.longrecipe.schema.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One merge parameter's value in the spec, in mergekit's three forms (docs/ALGORITHMS.md §6):
 * <ul>
 *   <li>a number ({@code 0.5}; {@code true}/{@code false} read as 1/0);</li>
 *   <li>a gradient, a list of numbers interpolated over the layers ({@code [0, 0.5, 1]}: 0 at the first layer,
 *       1 at the last, linear in between; tensors before the layers read the first value, tensors after them the
 *       last);</li>
 *   <li>conditions, a list of {@code {filter: NAME-PART, value: NUMBER-OR-GRADIENT}}: the first whose filter is part
 *       of the tensor's name (or that has no filter, or {@code "*"}) gives the value.</li>
 * </ul>
 */
public final class MergeSetting {

    /** One condition: {@code filter} absent or {@code "*"} matches every tensor. */
    public record Condition(String filter, List<Double> values) {
        public Condition {
            values = List.copyOf(values);
        }

        boolean matches(String tensor) {
            return filter == null || filter.equals("*") || tensor.contains(filter);
        }
    }

    private final List<Condition> conditions;
    private final boolean plain; // written as a bare number or gradient, not as conditions

    private MergeSetting(List<Condition> conditions, boolean plain) {
        this.conditions = List.copyOf(conditions);
        this.plain = plain;
    }

    /** A plain number. */
    public static MergeSetting of(double value) {
        return new MergeSetting(List.of(new Condition(null, List.of(value))), true);
    }

    /** Reads any of the three forms; a wrong shape is an error naming the accepted forms. */
    @JsonCreator
    public static MergeSetting fromJson(JsonNode node) {
        if (node.isNumber() || node.isBoolean()) {
            return new MergeSetting(List.of(new Condition(null, List.of(number(node)))), true);
        }
        if (node.isArray() && !node.isEmpty() && allNumbers(node)) {
            return new MergeSetting(List.of(new Condition(null, numbers(node))), true);
        }
        if (node.isArray() && !node.isEmpty()) {
            List<Condition> conditions = new ArrayList<>();
            for (JsonNode c : node) {
                JsonNode value = c.get("value");
                boolean ok = c.isObject() && value != null && (value.isNumber() || value.isBoolean()
                        || (value.isArray() && !value.isEmpty() && allNumbers(value)));
                c.fieldNames().forEachRemaining(f -> {
                    if (!f.equals("filter") && !f.equals("value")) {
                        throw new IllegalArgumentException("a merge parameter condition has fields filter and value,"
                                + " not '" + f + "'");
                    }
                });
                if (!ok) {
                    throw new IllegalArgumentException(shapes());
                }
                String filter = c.hasNonNull("filter") ? c.get("filter").asText() : null;
                conditions.add(new Condition(filter, value.isArray() ? numbers(value) : List.of(number(value))));
            }
            return new MergeSetting(conditions, false);
        }
        throw new IllegalArgumentException(shapes());
    }

    private static String shapes() {
        return "a merge parameter is a number (0.5), a gradient over the layers ([0, 0.5, 1]) or a list of"
                + " conditions ([{filter: self_attn, value: 0.3}, {value: 0.5}])";
    }

    /** The value for one tensor; {@code depth} ∈ [0, 1] is its layer's place (0 first, 1 last). Null: no match. */
    public Double at(String tensor, double depth) {
        for (Condition c : conditions) {
            if (c.matches(tensor)) {
                return interpolate(c.values(), depth);
            }
        }
        return null;
    }

    /** The number, when the setting is one plain number; otherwise null. */
    public Double number() {
        return plain && conditions.get(0).values().size() == 1 ? conditions.get(0).values().get(0) : null;
    }

    /** Every number the setting can give (for range checks). */
    public List<Double> allValues() {
        return conditions.stream().flatMap(c -> c.values().stream()).toList();
    }

    public List<Condition> conditions() {
        return conditions;
    }

    private static double interpolate(List<Double> values, double depth) {
        if (values.size() == 1) {
            return values.get(0);
        }
        double scaled = Math.max(0, Math.min(1, depth)) * (values.size() - 1);
        int i0 = (int) Math.floor(scaled);
        int i1 = Math.min(values.size() - 1, i0 + 1);
        double frac = scaled - i0;
        return (1 - frac) * values.get(i0) + frac * values.get(i1);
    }

    @JsonValue
    JsonNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (plain) {
            List<Double> v = conditions.get(0).values();
            return v.size() == 1 ? f.numberNode(v.get(0)) : array(v);
        }
        ArrayNode out = f.arrayNode();
        for (Condition c : conditions) {
            ObjectNode o = out.addObject();
            if (c.filter() != null) {
                o.put("filter", c.filter());
            }
            o.set("value", c.values().size() == 1 ? f.numberNode(c.values().get(0)) : array(c.values()));
        }
        return out;
    }

    private static ArrayNode array(List<Double> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asDouble()));
        return out;
    }

    private static double number(JsonNode node) {
        return node.isBoolean() ? (node.asBoolean() ? 1 : 0) : node.asDouble();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MergeSetting s && s.plain == plain && s.conditions.equals(conditions);
    }

    @Override
    public int hashCode() {
        return conditions.hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
