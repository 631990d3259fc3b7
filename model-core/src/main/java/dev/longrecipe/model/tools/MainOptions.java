package dev.longrecipe.model.tools;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code --name value} arguments of a tool's or a benchmark's {@code main}. Its usage text names the options
 * (every word starting with "--"); any other name is refused with that text. A later value of a name wins.
 */
public final class MainOptions {
    private final Map<String, String> values;

    private MainOptions(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param usage the options and their values, e.g. {@code "options: --steps N --model DIR"}; an unknown option's
     *              message is {@code "unknown option NAME; " + usage}
     */
    public static MainOptions parse(String[] args, String usage) {
        Set<String> known = Arrays.stream(usage.split("[\\s\\[\\]]+")).filter(w -> w.startsWith("--"))
                .collect(Collectors.toSet());
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; " + usage);
            }
            values.put(args[i], args[i + 1]);
        }
        return new MainOptions(values);
    }

    public String text(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    public int integer(String name, int otherwise) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : otherwise;
    }

    public double real(String name, double otherwise) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : otherwise;
    }

    public boolean flag(String name, boolean otherwise) {
        return values.containsKey(name) ? Boolean.parseBoolean(values.get(name)) : otherwise;
    }

    /** The option as a path, or {@code otherwise} (which may be {@code null}) when it is not given. */
    public Path path(String name, Path otherwise) {
        return values.containsKey(name) ? Path.of(values.get(name)) : otherwise;
    }
}
