/**
 * Tenants: the registry and its lifecycle state machine ({@code TenantState}, changed only in
 * {@code TenantLifecycle}), the instances that run one version of an app, the wiring of each instance to
 * its class loader, executor and governor, leak watching and restart policy, the host's budgets a
 * deploy must fit in ({@code HostBudgets}) and the view of an app the management API shows
 * ({@code AppInfos}).
 */
package io.cohost.kernel.tenant;
