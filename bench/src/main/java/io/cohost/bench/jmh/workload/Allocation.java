package io.cohost.bench.jmh.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Allocation-heavy: builds a list of 1,000 small objects and strings, then folds it. */
public final class Allocation implements LongSupplier {
    record Point(long x, long y, String label) {}

    @Override
    public long getAsLong() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            points.add(new Point(i, i * 2L, Integer.toString(i)));
        }
        long sum = 0;
        for (Point p : points) {
            sum += p.x() + p.y() + p.label().length();
        }
        return sum;
    }
}
