package dev.longrecipe.schema.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the generated JSON Schema says about one field of an event (or, on a record, about the record): its
 * description and the constraints a consumer relies on. {@link EventSchemas} reads it; the record's Java type gives
 * the JSON type. A field is required unless {@link #optional()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface Field {
    /** What the field means, in words for whoever reads the schema. */
    String description() default "";

    /** May be absent or null in the JSON; the record states what absence means. */
    boolean optional() default false;

    /** Regular expression a string must match. */
    String pattern() default "";

    /** Least length of a string; -1 for none. */
    int minLength() default -1;

    /** Least value of a number (of a map's values, for a map of numbers); NaN for none. */
    double minimum() default Double.NaN;

    /** Greatest value of a number; NaN for none. */
    double maximum() default Double.NaN;

    /** The only values a string may take; empty for any. */
    String[] oneOf() default {};
}
