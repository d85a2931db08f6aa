package io.cohost.bench.report;

import java.util.Locale;

/** How figures are written in the results: median [min–max], with a precision that suits the size. */
public final class Fmt {
    private Fmt() {}

    /** {@code 12.3 [11.9–13.0]}; a single run shows only its value. */
    public static String spread(Stats s, int decimals) {
        if (s.isEmpty()) {
            return "n/a";
        }
        if (s.count() == 1 || s.min() == s.max()) {
            return num(s.median(), decimals);
        }
        return num(s.median(), decimals) + " [" + num(s.min(), decimals) + "–" + num(s.max(), decimals) + "]";
    }

    /** A ratio, as {@code 0.98×}, with its spread. */
    public static String ratio(Stats s) {
        if (s.isEmpty()) {
            return "n/a";
        }
        if (s.count() == 1 || s.min() == s.max()) {
            return num(s.median(), 2) + "×";
        }
        return num(s.median(), 2) + "× [" + num(s.min(), 2) + "–" + num(s.max(), 2) + "]";
    }

    public static String num(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    public static double mib(double bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    public static double kib(double bytes) {
        return bytes / 1024.0;
    }
}
