package io.cohost.bench.heap;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The object graphs the heap-walk figure walks, each shaped like something a tenant keeps: a long linked
 * structure (millions deep, so a recursive walk would overflow), a session-like map of small entries,
 * and a list of small records with several fields that share some of their values. Each builds a graph
 * of about the number of objects asked for and says exactly how many it built, so the walk's count can
 * be checked against it.
 */
public enum GraphShape {
    LINKED_LIST("linked-list", "`LinkedList<Long>`: per element a list node and a boxed `Long`") {
        @Override
        public Graph build(long objects) {
            long elements = Math.max(0, (objects - 1) / 2);
            LinkedList<Long> list = new LinkedList<>();
            for (long i = 0; i < elements; i++) {
                // from 1,000 up: above Long's cache of -128..127, so every element has its own Long
                list.add(Long.valueOf(1_000 + i));
            }
            return new Graph(list, 1 + 2 * elements);
        }
    },
    HASH_MAP("hash-map", "`HashMap<String, byte[]>`: per entry a map node, a key `String` and its bytes, a 32-byte value") {
        @Override
        public Graph build(long objects) {
            long entries = Math.max(0, (objects - 2) / 4);
            HashMap<String, byte[]> map = new HashMap<>();
            for (long i = 0; i < entries; i++) {
                map.put("session-" + i, new byte[32]);
            }
            // the map, its table, and four objects per entry
            return new Graph(map, 2 + 4 * entries);
        }
    },
    RECORDS("records", "`ArrayList<Order>` of `record Order(long id, int quantity, double price, String sku, LocalDate day)`;"
            + " SKUs drawn from 1,000 strings and days from 365 dates shared between orders") {
        @Override
        public Graph build(long objects) {
            String[] skus = new String[SKUS];
            for (int i = 0; i < SKUS; i++) {
                skus[i] = "sku-" + i;
            }
            LocalDate[] days = new LocalDate[DAYS];
            for (int i = 0; i < DAYS; i++) {
                days[i] = LocalDate.ofEpochDay(19_000 + i);
            }
            long shared = 2L * SKUS + DAYS; // each SKU is a String and its bytes
            int orders = (int) Math.max(SKUS, objects - 2 - shared); // at least one order per SKU, so every shared value is reached
            List<Order> list = new ArrayList<>(orders);
            for (int i = 0; i < orders; i++) {
                list.add(new Order(i, i % 7 + 1, 9.99 + i % 100, skus[i % SKUS], days[i % DAYS]));
            }
            // the list, its backing array (sized once, exactly), the orders and the shared values
            return new Graph(list, 2 + orders + shared);
        }
    };

    static final int SKUS = 1_000;
    static final int DAYS = 365;

    /** One element of the records shape: a few primitives and two references to shared values. */
    public record Order(long id, int quantity, double price, String sku, LocalDate day) {}

    /** A graph's root, and how many objects it was built of. */
    public record Graph(Object root, long objects) {}

    private final String id;
    private final String description;

    GraphShape(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** What the graph is made of, in Markdown, for the results. */
    public String description() {
        return description;
    }

    /** Builds a graph of about {@code objects} objects (exactly {@link Graph#objects()}). */
    public abstract Graph build(long objects);

    public static GraphShape byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shape '" + id + "'; known: "
                        + Arrays.stream(values()).map(GraphShape::id).collect(Collectors.joining(","))));
    }
}
