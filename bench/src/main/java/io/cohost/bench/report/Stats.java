package io.cohost.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Repeated measurements of one figure: median and min–max, and percentiles for latency samples.
 * Percentiles use the nearest-rank method, so p95 of 20 samples is the 19th smallest.
 */
public final class Stats {
    private final List<Double> sorted;

    private Stats(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        copy.removeIf(v -> v == null || v.isNaN());
        Collections.sort(copy);
        this.sorted = List.copyOf(copy);
    }

    public static Stats of(List<Double> values) {
        return new Stats(values);
    }

    public static Stats ofLongs(long[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add((double) v);
        }
        return new Stats(list);
    }

    public int count() {
        return sorted.size();
    }

    public boolean isEmpty() {
        return sorted.isEmpty();
    }

    public double min() {
        return sorted.isEmpty() ? Double.NaN : sorted.get(0);
    }

    public double max() {
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
    }

    /** The middle value; the mean of the two middle ones for an even count. */
    public double median() {
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest-rank percentile, {@code p} in 0–100. */
    public double percentile(double p) {
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted.get(Math.min(n - 1, Math.max(0, rank - 1)));
    }

    /** Geometric mean, for averaging ratios. */
    public double geometricMean() {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        double logs = 0;
        for (double v : sorted) {
            logs += Math.log(v);
        }
        return Math.exp(logs / sorted.size());
    }

    public List<Double> values() {
        return sorted;
    }
}
