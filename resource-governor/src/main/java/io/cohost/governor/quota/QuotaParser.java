package io.cohost.governor.quota;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses quota values in Kubernetes vocabulary into base units: CPU in millicores, memory in bytes,
 * request CPU in nanoseconds, counts as they are. The one place quota strings are read.
 */
public final class QuotaParser {
    private static final Pattern QUANTITY = Pattern.compile("(\\d+(?:\\.\\d+)?)([a-zA-Z]*)");

    private QuotaParser() {}

    public static Limit parse(Resource resource, String text) {
        if (text == null || text.isBlank()) {
            return Limit.DEFAULT;
        }
        String v = text.trim();
        if (v.equalsIgnoreCase("unlimited")) {
            return Limit.UNLIMITED;
        }
        Matcher m = QUANTITY.matcher(v);
        if (!m.matches()) {
            throw invalid(resource, v);
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        BigDecimal base = switch (resource) {
            case CPU -> cpuMillis(resource, v, number, suffix);
            case MEMORY -> number.multiply(BigDecimal.valueOf(memoryFactor(resource, v, suffix)));
            case REQUEST_CPU -> number.multiply(BigDecimal.valueOf(durationNanos(resource, v, suffix)));
            case FILES, THREADS, CONCURRENCY -> {
                if (!suffix.isEmpty() || number.scale() > 0) {
                    throw invalid(resource, v);
                }
                yield number;
            }
        };
        if (base.signum() <= 0) {
            throw new QuotaException("invalid " + resource.key() + " quota '" + v + "': it must be more than zero; use " + resource.forms());
        }
        try {
            return Limit.of(base.setScale(0, java.math.RoundingMode.CEILING).longValueExact());
        } catch (ArithmeticException e) {
            throw new QuotaException("invalid " + resource.key() + " quota '" + v + "': too large; use " + resource.forms());
        }
    }

    private static BigDecimal cpuMillis(Resource r, String v, BigDecimal number, String suffix) {
        return switch (suffix) {
            case "m" -> {
                if (number.scale() > 0) {
                    throw invalid(r, v);
                }
                yield number;
            }
            case "" -> number.multiply(BigDecimal.valueOf(1000));
            default -> throw invalid(r, v);
        };
    }

    private static long memoryFactor(Resource r, String v, String suffix) {
        return switch (suffix) {
            case "" -> 1L;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            default -> throw invalid(r, v);
        };
    }

    private static long durationNanos(Resource r, String v, String suffix) {
        return switch (suffix.toLowerCase(Locale.ROOT)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "us" -> 1_000L;
            default -> throw invalid(r, v);
        };
    }

    private static QuotaException invalid(Resource r, String v) {
        return new QuotaException("invalid " + r.key() + " quota '" + v + "': use " + r.forms());
    }

    /** The canonical text of a limit, as accepted back by {@link #parse}: {@code 250m}, {@code 128Mi}, {@code 200ms}. */
    public static String format(Resource resource, Limit limit) {
        if (limit instanceof Limit.Default) {
            return "";
        }
        if (limit instanceof Limit.Unlimited) {
            return "unlimited";
        }
        long v = ((Limit.Amount) limit).value();
        return switch (resource) {
            case CPU -> v + "m";
            case MEMORY -> v % (1L << 30) == 0 ? (v >> 30) + "Gi" : v % (1L << 20) == 0 ? (v >> 20) + "Mi"
                    : v % (1L << 10) == 0 ? (v >> 10) + "Ki" : Long.toString(v);
            case REQUEST_CPU -> v % 1_000_000 == 0 ? (v / 1_000_000) + "ms" : (v / 1_000) + "us";
            default -> Long.toString(v);
        };
    }
}
