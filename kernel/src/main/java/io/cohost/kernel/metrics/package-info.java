/** Micrometer meters of the host and its tenants, and their Prometheus endpoint. */
package io.cohost.kernel.metrics;
