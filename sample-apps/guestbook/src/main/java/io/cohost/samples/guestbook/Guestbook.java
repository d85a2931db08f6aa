package io.cohost.samples.guestbook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The entries written so far; lives for as long as the application runs. */
public final class Guestbook {
    public record Entry(String name, String message) {}

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    public void add(Entry entry) {
        entries.add(entry);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
