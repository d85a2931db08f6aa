package io.cohost.samples.fdleak;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Everything the app opened and keeps: never closed, except by {@code /release}. */
final class Held {
    private static final List<Closeable> HELD = new ArrayList<>();

    private Held() {}

    static synchronized void add(Closeable c) {
        HELD.add(c);
    }

    static synchronized int size() {
        return HELD.size();
    }

    static synchronized int release() {
        int n = HELD.size();
        for (Closeable c : HELD) {
            try {
                c.close();
            } catch (IOException e) {
                // already closed (by the host, say)
            }
        }
        HELD.clear();
        return n;
    }
}
