package dev.longrecipe.stack;

import java.util.List;

/**
 * One row of what a heal did: a component ({@code kafka}, {@code s3}, a service), what it was found to be,
 * and what was done about it. {@link #NONE} when it was healthy.
 */
public record Recovery(String component, String was, String action) {

    /** The action of a component that needed nothing. */
    public static final String NONE = "none";

    /** True when something was (re)started. */
    public boolean acted() {
        return !NONE.equals(action);
    }

    /** The rows as an aligned table with a header: component, was, action. */
    public static String table(List<Recovery> rows) {
        int c = "component".length();
        int w = "was".length();
        for (Recovery r : rows) {
            c = Math.max(c, r.component().length());
            w = Math.max(w, r.was().length());
        }
        String format = "%-" + c + "s  %-" + w + "s  %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "component", "was", "action"));
        rows.forEach(r -> out.append(String.format(format, r.component(), r.was(), r.action())));
        return out.toString();
    }
}
