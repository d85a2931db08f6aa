package io.cohost.admin.figures;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/** The newest samples of one app, at most {@code capacity}: a ring that drops the oldest. */
final class FigureHistory {
    private final int capacity;
    private final ArrayDeque<Sample> samples;

    FigureHistory(int capacity) {
        this.capacity = capacity;
        this.samples = new ArrayDeque<>(capacity);
    }

    synchronized void add(Sample sample) {
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(sample);
    }

    synchronized List<Sample> all() {
        return List.copyOf(samples);
    }

    synchronized Optional<Sample> latest() {
        return Optional.ofNullable(samples.peekLast());
    }
}
