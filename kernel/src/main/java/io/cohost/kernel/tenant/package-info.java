/**
 * Tenants: the registry and its lifecycle state machine ({@code TenantState}, changed only in
 * {@code TenantLifecycle}), the instances that run one version of an app, the wiring of each instance to
 * its class loader, executor and governor, leak watching and restart policy.
 */
package io.cohost.kernel.tenant;
