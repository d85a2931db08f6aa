package io.cohost.kernel.tenant;

import io.cohost.governor.GovernorSettings;
import io.cohost.governor.quota.Limit;
import io.cohost.governor.quota.Quota;
import io.cohost.governor.quota.QuotaException;
import io.cohost.governor.quota.Resource;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * What a deploy, start or quota change must fit in on this host: the CPU and memory promised to apps
 * against the host's budgets (only explicit amounts count: an app without a limit is promised
 * nothing), and metaspace headroom before a new version is started. Each refusal names the app, the
 * figures and the fix.
 */
final class HostBudgets {
    private final GovernorSettings budgets;
    private final LeakWatch leakWatch;

    HostBudgets(GovernorSettings budgets, LeakWatch leakWatch) {
        this.budgets = budgets;
        this.leakWatch = leakWatch;
    }

    /** Refuses a new version while metaspace is over the host's budget (when one is configured). */
    void requireMetaspaceHeadroom(String app) {
        long budget = budgets.metaspaceBudgetBytes();
        if (budget <= 0) {
            return;
        }
        long used = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().equals("Metaspace")).mapToLong(p -> p.getUsage().getUsed()).sum();
        if (used > budget) {
            int leaks = leakWatch.watchedCount();
            throw new ManagementException(Kind.CONFLICT, "app '" + app + "': metaspace holds " + (used >> 20)
                    + " MiB, over the host's budget of " + (budget >> 20) + " MiB; no new version is started",
                    leaks > 0 ? leaks + " stopped versions may still be in memory: see GET /api/leaks, fix the leaking app or restart the host"
                            : "undeploy apps you no longer need, or raise the host's metaspace budget");
        }
    }

    /**
     * Refuses a quota that would promise more CPU or memory to apps than the host's budget (when one is
     * configured).
     *
     * @param others the quotas of every other app on the host
     */
    void requireWithinBudget(String app, Quota quota, Iterable<Quota> others) {
        check(app, quota, others, Resource.CPU, budgets.cpuBudgetMillis(), "m", "--cpu-budget");
        check(app, quota, others, Resource.MEMORY, budgets.memoryBudgetBytes(), " bytes", "--memory-budget");
    }

    private void check(String app, Quota quota, Iterable<Quota> others, Resource resource, long budget, String unit, String option) {
        long mine = promised(quota, resource);
        if (budget <= 0 || mine == 0) {
            return;
        }
        long promisedToOthers = 0;
        for (Quota q : others) {
            promisedToOthers += promised(q, resource);
        }
        if (promisedToOthers + mine > budget) {
            throw new ManagementException(Kind.CONFLICT, "app '" + app + "': a " + resource.key() + " quota of " + mine + unit
                    + " would promise " + (promisedToOthers + mine) + unit + " to apps, over the host's budget of " + budget + unit,
                    "lower this or another app's " + resource.key() + " quota, or raise the host's " + option);
        }
    }

    private long promised(Quota quota, Resource resource) {
        return quota.orDefaults(budgets.defaultQuota()).get(resource) instanceof Limit.Amount a ? a.value() : 0;
    }

    /** The quota these values describe, or the operator's error naming the app and the accepted forms. */
    static Quota validQuota(String app, Map<String, String> values) {
        return validQuota(app, Map.of(), values);
    }

    /** The quota {@code current} describes, changed by {@code changes}; or the operator's error naming the app and the accepted forms. */
    static Quota validQuota(String app, Map<String, String> current, Map<String, String> changes) {
        try {
            return Quota.parse(current).with(changes);
        } catch (QuotaException e) {
            throw new ManagementException(Kind.INVALID, "app '" + app + "': " + e.getMessage(), "fix the quota and try again");
        }
    }
}
