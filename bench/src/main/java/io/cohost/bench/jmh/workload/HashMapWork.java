package io.cohost.bench.jmh.workload;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** Puts 1,024 String keys into a HashMap and reads them back: mostly JDK code, called from tenant loops. */
public final class HashMapWork implements LongSupplier {
    private final String[] keys = new String[1024];

    public HashMapWork() {
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "key-" + i;
        }
    }

    @Override
    public long getAsLong() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], i);
        }
        long sum = 0;
        for (String k : keys) {
            sum += map.get(k);
        }
        return sum;
    }
}
