package io.cohost.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadLoaderTest {
    @ParameterizedTest
    @ValueSource(strings = {"TightLoop", "MatrixMultiply", "Recursion", "Megamorphic", "HashMapWork", "Allocation", "WhileLoop"})
    void governedAndPlainWorkloadsAreSeparateClassesThatComputeTheSame(String workload) {
        LongSupplier plain = WorkloadLoader.plain().newWorkload(workload);
        LongSupplier governed = WorkloadLoader.governed().newWorkload(workload);
        assertThat(governed.getClass()).isNotSameAs(plain.getClass());
        assertThat(governed.getClass().getName()).isEqualTo(plain.getClass().getName());
        assertThat(governed.getAsLong()).isEqualTo(plain.getAsLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TightLoop", "Recursion", "WhileLoop"})
    void onlyTheGovernedSideCarriesCheckpoints(String workload) {
        assertThat(WorkloadLoader.governed().checkpoints(workload)).isPositive();
        assertThat(WorkloadLoader.plain().checkpoints(workload)).isZero();
    }
}
