package io.cohost.governor.quota;

/**
 * One quota value: not set (the host-wide default applies), explicitly {@code unlimited}, or an amount
 * in the resource's base unit (millicores, bytes, count, nanoseconds).
 */
public sealed interface Limit permits Limit.Default, Limit.Unlimited, Limit.Amount {
    record Default() implements Limit {}

    record Unlimited() implements Limit {}

    record Amount(long value) implements Limit {
        public Amount {
            if (value <= 0) {
                throw new IllegalArgumentException("a quota amount must be positive, was " + value);
            }
        }
    }

    Limit DEFAULT = new Default();
    Limit UNLIMITED = new Unlimited();

    static Limit of(long value) {
        return new Amount(value);
    }

    /** This limit, or {@code fallback} when it is the default. */
    default Limit or(Limit fallback) {
        return this instanceof Default ? fallback : this;
    }

    /** The amount, or {@link Long#MAX_VALUE} for unlimited and default. */
    default long valueOrMax() {
        return this instanceof Amount a ? a.value() : Long.MAX_VALUE;
    }

    default boolean isLimited() {
        return this instanceof Amount;
    }
}
