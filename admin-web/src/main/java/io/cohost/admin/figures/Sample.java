package io.cohost.admin.figures;

import java.time.Instant;
import java.util.Map;

/**
 * The figures of one moment. A figure that is not measured is absent from the map, never zero, so a
 * meter that does not exist yet (per-app CPU before the governor provides it) reads as "not measured".
 */
public record Sample(Instant at, Map<String, Double> figures) {
    public Sample {
        figures = Map.copyOf(figures);
    }
}
