package io.cohost.agent;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every descriptor charged to a tenant, until it is closed, collected or force-closed.
 *
 * <p>A descriptor is keyed by the object the JDK closes it through: its {@code FileDescriptor}
 * (shared by a stream and its channel, so they are charged once), or the selector or directory
 * stream itself. Keys are held weakly. Owners the JDK closes when they are collected (streams,
 * file channels, {@code Socket}s, datagram channels) are held weakly too, so collection releases
 * them; owners the JDK would leak when collected (socket channels, selectors, pipes, directory
 * streams) are held until closed, so that stopping the tenant can still close them.
 */
public final class DescriptorLedger {
    private final Map<Key, OpenDescriptor> open = new ConcurrentHashMap<>();
    private final Map<DescriptorGate, Set<OpenDescriptor>> byGate = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    /** Charges a new descriptor to {@code gate}; a key already charged is left as it is. */
    void add(DescriptorGate gate, Object owner, Object key, DescriptorKind kind, int weight, String detail, boolean holdOwner) {
        expunge();
        Key k = new Key(key, collected);
        OpenDescriptor d = new OpenDescriptor(k, owner, holdOwner, kind, weight, detail, gate);
        if (open.putIfAbsent(k, d) == null) {
            byGate.computeIfAbsent(gate, g -> ConcurrentHashMap.newKeySet()).add(d);
            gate.charge(kind, weight);
        }
    }

    /** A descriptor was closed (by anyone, on any thread); releases it if it was charged. */
    void remove(Object key) {
        if (open.isEmpty()) {
            return;
        }
        OpenDescriptor d = open.remove(new Probe(key));
        if (d != null) {
            release(d);
        }
    }

    /** Releases descriptors whose key was collected: the JDK closed them (or, for held owners, cannot have). */
    public void expunge() {
        for (Object ref = collected.poll(); ref != null; ref = collected.poll()) {
            OpenDescriptor d = open.remove((Key) ref);
            if (d != null) {
                release(d);
            }
        }
    }

    private void release(OpenDescriptor d) {
        Set<OpenDescriptor> set = byGate.get(d.gate());
        if (set != null) {
            set.remove(d);
        }
        d.gate().release(d.kind(), d.weight());
    }

    /** Descriptors currently charged to {@code gate}, by kind (weights summed). */
    public Map<DescriptorKind, Integer> counts(DescriptorGate gate) {
        expunge();
        Map<DescriptorKind, Integer> counts = new EnumMap<>(DescriptorKind.class);
        for (OpenDescriptor d : byGate.getOrDefault(gate, Set.of())) {
            counts.merge(d.kind(), d.weight(), Integer::sum);
        }
        return counts;
    }

    /**
     * Closes every descriptor still charged to {@code gate} through its owner, which also wakes a
     * thread blocked reading or accepting on it, and releases them all. Returns what it could not close.
     */
    public ForceClosed closeAll(DescriptorGate gate) {
        expunge();
        Set<OpenDescriptor> set = byGate.get(gate);
        if (set == null) {
            return new ForceClosed(Map.of(), List.of());
        }
        Map<DescriptorKind, Integer> closed = new EnumMap<>(DescriptorKind.class);
        List<String> failures = new ArrayList<>();
        for (OpenDescriptor d : List.copyOf(set)) {
            try {
                OwnerCloser.close(d);
                closed.merge(d.kind(), d.weight(), Integer::sum);
            } catch (Throwable t) {
                failures.add(d + ": " + t);
            } finally {
                // closing went through a hook that released it, unless the owner was already gone
                if (open.remove(d.key(), d)) {
                    release(d);
                }
            }
        }
        return new ForceClosed(java.util.Collections.unmodifiableMap(closed), List.copyOf(failures));
    }

    /** The gate is gone for good; whatever is still charged to it is dropped. */
    public void forget(DescriptorGate gate) {
        Set<OpenDescriptor> set = byGate.remove(gate);
        if (set != null) {
            for (OpenDescriptor d : set) {
                open.remove(d.key(), d);
            }
        }
    }

    /** The outcome of {@link #closeAll}: descriptors closed by kind, and the ones that could not be. */
    public record ForceClosed(Map<DescriptorKind, Integer> closed, List<String> failures) {
        public int total() {
            return closed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A weak, identity-compared key. */
    static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            Object mine = get();
            return mine != null && o instanceof Key k && k.get() == mine;
        }
    }

    /** Looks a key up without creating a reference; the map compares the probe to its keys. */
    private static final class Probe {
        private final Object referent;

        Probe(Object referent) {
            this.referent = referent;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(referent);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.get() == referent;
        }
    }
}
