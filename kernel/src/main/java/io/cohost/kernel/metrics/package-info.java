/** Micrometer meters of the host and its tenants (their Prometheus endpoint is {@code spi.MetricsHandler}). */
package io.cohost.kernel.metrics;
