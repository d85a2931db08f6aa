package io.cohost.governor;

import io.cohost.governor.quota.Quota;
import java.time.Duration;

/**
 * Host-wide governor settings.
 *
 * @param samplePeriod    how often every tenant is metered (default 20 ms)
 * @param cpuPeriod       the CPU budget period; unused CPU piles up to one period (default 100 ms)
 * @param defaultQuota    quotas for apps that do not set them (default: {@code threads: 1000}, the rest
 *                        unlimited; without a thread limit one app can exhaust the process's native threads)
 * @param escalation      the ladder per resource
 * @param cpuBudgetMillis total CPU the host may promise to apps, refusing deploys beyond it; 0 = no check
 * @param memoryBudgetBytes total memory the host may promise to apps; 0 = no check
 * @param metaspaceBudgetBytes metaspace use above which deploys are refused (leaked versions pile up
 *                          there); 0 = no check
 * @param descriptorReserve descriptors of the process kept for the host: tenants' opens are refused
 *                        within this many of the process's limit; 0 (default) = a tenth of the limit, at least 64
 * @param admissionPauseLimit the longest the low-memory response may hold new requests to every app (default
 *                        2 s); past it they are let in while the response goes on, so a slow heap walk
 *                        cannot stall the whole host
 */
public record GovernorSettings(Duration samplePeriod, Duration cpuPeriod, Quota defaultQuota, Escalation escalation,
        long cpuBudgetMillis, long memoryBudgetBytes, long metaspaceBudgetBytes, long descriptorReserve, Duration admissionPauseLimit) {

    public static GovernorSettings standard() {
        return new GovernorSettings(Duration.ofMillis(20), Duration.ofMillis(100), Quota.parse(java.util.Map.of("threads", "1000")),
                Escalation.defaults(), 0, 0, 0, 0, Duration.ofSeconds(2));
    }

    public GovernorSettings withDefaults(Quota q) {
        return new GovernorSettings(samplePeriod, cpuPeriod, q, escalation, cpuBudgetMillis, memoryBudgetBytes, metaspaceBudgetBytes,
                descriptorReserve, admissionPauseLimit);
    }

    public GovernorSettings withEscalation(Escalation e) {
        return new GovernorSettings(samplePeriod, cpuPeriod, defaultQuota, e, cpuBudgetMillis, memoryBudgetBytes, metaspaceBudgetBytes,
                descriptorReserve, admissionPauseLimit);
    }

    public GovernorSettings withBudgets(long cpuMillis, long memoryBytes) {
        return new GovernorSettings(samplePeriod, cpuPeriod, defaultQuota, escalation, cpuMillis, memoryBytes, metaspaceBudgetBytes,
                descriptorReserve, admissionPauseLimit);
    }

    public GovernorSettings withMetaspaceBudget(long bytes) {
        return new GovernorSettings(samplePeriod, cpuPeriod, defaultQuota, escalation, cpuBudgetMillis, memoryBudgetBytes, bytes,
                descriptorReserve, admissionPauseLimit);
    }

    public GovernorSettings withDescriptorReserve(long reserve) {
        return new GovernorSettings(samplePeriod, cpuPeriod, defaultQuota, escalation, cpuBudgetMillis, memoryBudgetBytes,
                metaspaceBudgetBytes, reserve, admissionPauseLimit);
    }

    public GovernorSettings withAdmissionPauseLimit(Duration limit) {
        return new GovernorSettings(samplePeriod, cpuPeriod, defaultQuota, escalation, cpuBudgetMillis, memoryBudgetBytes,
                metaspaceBudgetBytes, descriptorReserve, limit);
    }
}
