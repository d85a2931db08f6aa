/**
 * The resource governor: quotas ({@code quota}), meters ({@code cpu}, {@code files}) and their enforcement per tenant.
 * It knows nothing of Jetty, class loaders or the kernel: the host registers each tenant instance with
 * its thread group and a {@link io.cohost.governor.TenantControls} that acts on the governor's decisions.
 * Depends on Micrometer and SLF4J only; nothing in it may depend on the kernel or the isolation module.
 */
package io.cohost.governor;
