package io.cohost.governor.cpu;

/**
 * CFS-bandwidth-style CPU limit as a token bucket: the tenant earns {@code quota × elapsed} CPU time,
 * spends what it used, and is throttled while the balance is negative. Unused time piles up only to a
 * burst of one period; overrun is carried into the next period (unlike CFS, which forgives it), so the
 * long-run average holds the quota even though usage is only seen at each sample.
 */
public final class CpuBudget {
    private final long periodNanos;
    private long millicores = Long.MAX_VALUE;
    private long balanceNanos;
    private long lastNanos = -1;

    public CpuBudget(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    /** {@link Long#MAX_VALUE} means unlimited. */
    public void setMillicores(long millicores) {
        this.millicores = millicores;
        balanceNanos = Math.min(balanceNanos, burstNanos());
    }

    public boolean isLimited() {
        return millicores != Long.MAX_VALUE;
    }

    /**
     * Charges {@code usedNanos} of CPU at time {@code nowNanos}.
     *
     * @return true if the tenant may run, false if it must be throttled
     */
    public boolean charge(long usedNanos, long nowNanos) {
        if (!isLimited()) {
            lastNanos = nowNanos;
            return true;
        }
        if (lastNanos >= 0) {
            long earned = (long) ((nowNanos - lastNanos) * (millicores / 1000.0));
            balanceNanos = Math.min(balanceNanos + earned, burstNanos());
        } else {
            balanceNanos = burstNanos();
        }
        lastNanos = nowNanos;
        balanceNanos -= usedNanos;
        return balanceNanos >= 0;
    }

    /** How long until the balance is back to zero at the quota rate; 0 when it is not negative. */
    public long nanosUntilRunnable() {
        if (balanceNanos >= 0 || !isLimited()) {
            return 0;
        }
        return (long) (-balanceNanos / (millicores / 1000.0));
    }

    private long burstNanos() {
        return isLimited() ? (long) (periodNanos * (millicores / 1000.0)) : Long.MAX_VALUE;
    }
}
