package io.cohost.governor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuBudgetTest {
    private static final long MS = 1_000_000;

    @Test
    void aTenantUsingExactlyItsQuotaIsNeverThrottled() {
        CpuBudget budget = new CpuBudget(100 * MS);
        budget.setMillicores(250);
        for (long t = 0; t < 10_000; t += 20) {
            assertThat(budget.charge(5 * MS, t * MS)).isTrue(); // 5 ms of CPU every 20 ms = 250m
        }
    }

    @Test
    void overrunIsCarriedSoTheLongRunAverageHoldsTheQuota() {
        CpuBudget budget = new CpuBudget(100 * MS);
        budget.setMillicores(250);
        long allowedSamples = 0;
        for (long t = 0; t < 10_000; t += 20) {
            // a hog on two cores burns 40 ms per 20 ms sample while it is allowed to run
            if (budget.charge(allowedSamples > 0 || t == 0 ? 40 * MS : 0, t * MS)) {
                allowedSamples++;
            } else {
                allowedSamples = 0;
            }
        }
        // the balance never runs away: after the hog, it is back within one period's burst
        assertThat(budget.nanosUntilRunnable()).isLessThan(200 * MS);
    }

    @Test
    void unusedQuotaPilesUpOnlyToOnePeriod() {
        CpuBudget budget = new CpuBudget(100 * MS);
        budget.setMillicores(1000);
        budget.charge(0, 0);
        budget.charge(0, 10_000 * MS); // 10 s idle
        assertThat(budget.charge(100 * MS, 10_000 * MS)).isTrue();
        assertThat(budget.charge(1 * MS, 10_000 * MS)).isFalse();
    }

    @Test
    void unlimitedNeverThrottles() {
        CpuBudget budget = new CpuBudget(100 * MS);
        assertThat(budget.charge(10_000 * MS, 1)).isTrue();
    }
}
