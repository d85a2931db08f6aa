/**
 * The host: {@link io.cohost.kernel.Host} composes Jetty (a tenant connector and an admin connector),
 * the tenant registry, the resource governor, the drop-in directory and the metrics registry, wired
 * with Guice ({@code HostModule}).
 *
 * <p>Module rule: the kernel depends on {@code classloader-isolation} and {@code resource-governor}
 * (libraries that know nothing of it) and on Jetty, Guice, Micrometer, Jackson and picocli. Nothing in
 * the kernel depends on {@code admin-web}; the admin plane plugs in through {@code io.cohost.kernel.spi}.
 * The dependency direction is enforced by an ArchUnit test in admin-web.
 */
package io.cohost.kernel;
