package io.cohost.agent;

import java.lang.ref.WeakReference;

/** One charged descriptor: what it is, who owns it (held strongly or weakly), whose it is. */
final class OpenDescriptor {
    private final DescriptorLedger.Key key;
    private final Object heldOwner;
    private final WeakReference<Object> weakOwner;
    private final DescriptorKind kind;
    private final int weight;
    private final String detail;
    private final DescriptorGate gate;

    OpenDescriptor(DescriptorLedger.Key key, Object owner, boolean holdOwner, DescriptorKind kind, int weight, String detail,
            DescriptorGate gate) {
        this.key = key;
        this.heldOwner = holdOwner ? owner : null;
        this.weakOwner = holdOwner ? null : new WeakReference<>(owner);
        this.kind = kind;
        this.weight = weight;
        this.detail = detail;
        this.gate = gate;
    }

    DescriptorLedger.Key key() {
        return key;
    }

    /** The owner, or null once it was collected. */
    Object owner() {
        return heldOwner != null ? heldOwner : weakOwner.get();
    }

    DescriptorKind kind() {
        return kind;
    }

    int weight() {
        return weight;
    }

    DescriptorGate gate() {
        return gate;
    }

    @Override
    public String toString() {
        Object owner = owner();
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (detail == null ? "" : " " + detail)
                + (owner == null ? "" : " (" + owner.getClass().getName() + ")");
    }
}
