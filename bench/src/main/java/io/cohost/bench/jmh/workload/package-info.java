/**
 * CPU-bound and allocation-heavy kernels that stand in for tenant code in the governor-overhead
 * benchmark. Each is a {@link java.util.function.LongSupplier} with a public no-argument constructor;
 * {@code WorkloadLoader} defines them in a class loader of their own, once as they are and once through
 * Cohost's transformation pipeline. Nothing outside that loader may refer to these classes.
 */
package io.cohost.bench.jmh.workload;
