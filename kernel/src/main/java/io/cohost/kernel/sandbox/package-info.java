/**
 * What each tenant may touch beyond its heap and CPU: its file handles (metered and limited by the
 * governor, force-closed when it stops), its files ({@link io.cohost.kernel.sandbox.FileRules}), its
 * network destinations ({@link io.cohost.kernel.sandbox.NetworkRules}) and processes, configured per app
 * by an {@link io.cohost.kernel.management.AccessPolicy}.
 *
 * <p>Enforced at two levels:
 * <ul>
 *   <li><b>every thread of the tenant</b>, through the descriptor agent: each open, listing, creation,
 *       deletion, connect and process start, whoever's code makes it (the tenant's, a library's, the
 *       JDK's, the container's), is attributed to the tenant ({@link io.cohost.kernel.sandbox.ThreadAttribution})
 *       and checked by its {@link io.cohost.kernel.sandbox.TenantSandbox};</li>
 *   <li><b>the tenant's own code</b>, rewritten at its call sites ({@code TenantSystem}): process starts
 *       are refused there too (also without the agent), and temporary files go to the tenant's own
 *       {@code java.io.tmpdir}, which the JDK would not know.</li>
 * </ul>
 * Host code that works on a tenant thread for the host (its log file) enters a {@link io.cohost.kernel.sandbox.HostScope}.
 */
package io.cohost.kernel.sandbox;
