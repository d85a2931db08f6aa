/**
 * The admin plane: the web UI, the REST API and {@code /metrics} on the admin connector, and the access
 * control in front of them. See {@link io.cohost.admin.AdminWebPlane} for the chain every request passes.
 *
 * <pre>
 * io.cohost.admin            the plane's wiring and settings
 * io.cohost.admin.security   login, sessions, CSRF, bearer tokens, rate limit, size limit, headers, audit trail
 * io.cohost.admin.api        the JSON endpoints, over HostManagement
 * io.cohost.admin.figures    live figures sampled from the host's meters, kept 15 minutes for the charts
 * io.cohost.admin.ui         the static pages and scripts of the UI
 * io.cohost.admin.http       JSON, bounded request bodies, audit notes: what the others share
 * </pre>
 *
 * Depends on the kernel's management API ({@code io.cohost.kernel.management}, including its
 * {@code access} package), the admin-plane SPI ({@code io.cohost.kernel.spi}, whose context hands over
 * {@code HostConfig}) and the quota parser of the resource governor; an ArchUnit test keeps it so.
 * Nothing depends on this module; the host finds it through {@link java.util.ServiceLoader}.
 */
package io.cohost.admin;
