package dev.longrecipe.cli.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory sizes as people write them: 80GiB, 80GB (taken as GiB, as GPU makers' "80 GB" means), 512MiB, 1e9. */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?(?:[eE]\\d+)?)\\s*([KMGT]i?B?)?");

    private Sizes() {
    }

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT).replace("IB", "iB").replace("I", "i"));
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read the memory size '" + text + "'; write e.g. 80GiB, 24GiB or"
                    + " 512MiB");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1);
        int shift = switch (unit) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        return (long) (value * (1L << shift));
    }
}
