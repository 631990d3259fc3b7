package dev.longrecipe.schema.spec;

import com.fasterxml.jackson.databind.JavaType;
import dev.longrecipe.schema.Json;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every knob of the run spec, found by reflection over the records, with a valid value other than its default: so a
 * knob added to a {@code *Params} record is covered by the tests that set each knob and follow it into a core,
 * without being listed anywhere else.
 */
public final class SpecKnobs {
    /** Knobs whose values are maps keyed by the operator: a valid, non-default value for each, as YAML. */
    private static final Map<String, String> OPEN_MAP_VALUES = Map.of(
            "merger.models", "{base: {weight: 0.3}, replay: {weight: 0.7}}",
            "merger.parameters", "{normalize: 0}",
            "evaluator.qaDatasets", "{qa_1: inputs/squad-dev.json}");

    /** One knob: its dotted path ({@code trainer.extension.lr}), the record it belongs to and its component. */
    public record Knob(String path, RecordComponent component) {
        public String name() {
            return component.getName();
        }

        /** The knob's value in {@code spec} (a {@link RunSpec}). */
        public Object valueIn(RunSpec spec) {
            Object node = spec;
            for (String part : path.split("\\.")) {
                node = read(node, part);
            }
            return node;
        }

        /** {@code yaml} read as this knob's type. */
        public Object parse(String yaml) {
            try {
                JavaType type = Json.MAPPER.constructType(component.getGenericType());
                return Json.MAPPER.convertValue(Json.YAML.readTree(yaml), type);
            } catch (Exception e) {
                throw new IllegalStateException(path + ": " + yaml, e);
            }
        }
    }

    private SpecKnobs() {
    }

    /** Every knob of the spec: the components of {@link RunSpec} and of its sections, recursively. */
    public static List<Knob> all() {
        List<Knob> out = new ArrayList<>();
        collect(RunSpec.class, "", out);
        return out;
    }

    /** The knobs of one section ({@code "segmenter"}, {@code "trainer.extension"} …). */
    public static List<Knob> under(String section) {
        return all().stream().filter(k -> k.path().startsWith(section + ".")).toList();
    }

    private static void collect(Class<?> record, String prefix, List<Knob> out) {
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.getType().isRecord()) {
                collect(c.getType(), prefix + c.getName() + ".", out);
            } else {
                out.add(new Knob(prefix + c.getName(), c));
            }
        }
    }

    /**
     * A value for {@code knob} that the validator accepts and that differs from {@code current} (its default), as
     * YAML for {@code --set}: numbers halved or raised by one, booleans flipped, a name swapped for another name of the
     * list the record keeps next to it (a record's {@code static final List<String>} holding the default), lists cut
     * to their first element, absent values given one.
     */
    public static String nonDefault(Knob knob, Object current) {
        Class<?> type = knob.component().getType();
        if (OPEN_MAP_VALUES.containsKey(knob.path())) {
            return OPEN_MAP_VALUES.get(knob.path());
        }
        if (type == Integer.class) {
            return current == null ? "512" : String.valueOf((Integer) current + 1);
        }
        if (type == Long.class) {
            return current == null ? "512" : String.valueOf((Long) current + 1);
        }
        if (type == Double.class) {
            return current == null ? "2.0" : String.valueOf((Double) current / 2);
        }
        if (type == Boolean.class) {
            return String.valueOf(!(Boolean) current);
        }
        if (type == String.class) {
            return current == null ? "x-" + knob.name().toLowerCase() : otherName(knob, (String) current);
        }
        if (type == List.class) {
            List<?> list = (List<?>) current;
            if (list != null && list.size() > 1) {
                return "[" + list.get(0) + "]";
            }
            Type element = ((ParameterizedType) knob.component().getGenericType()).getActualTypeArguments()[0];
            return element == Double.class ? "[0.5]" : "[512]";
        }
        throw new IllegalStateException(knob.path() + " has type " + type.getSimpleName() + ", which SpecKnobs"
                + " cannot vary yet; teach nonDefault a value for it");
    }

    private static String otherName(Knob knob, String current) {
        for (Field f : knob.component().getDeclaringRecord().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == List.class) {
                List<?> names = (List<?>) get(f, null);
                if (names.contains(current) && names.size() > 1) {
                    return String.valueOf(names.get(names.indexOf(current) == 0 ? 1 : 0));
                }
            }
        }
        return current + "-other"; // a free text: a location, a run id
    }

    private static Object read(Object record, String name) {
        try {
            return record.getClass().getMethod(name).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no knob " + name + " in " + record.getClass().getSimpleName(), e);
        }
    }

    private static Object get(Field f, Object target) {
        try {
            f.setAccessible(true);
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
