/**
 * Tenant class loading: the visibility policy ({@code VisibilityPolicy}, the whole policy in one place),
 * the tenant's parent loader that enforces it, and the tenant loader itself.
 *
 * <p>Module rule: depends on Jetty's web-app loader, ASM and SLF4J only; never on the kernel, the
 * governor or the admin plane (checked by an ArchUnit test). Sub-packages: {@code transform} (the
 * pipeline and its extension point), {@code intercept} (redirected JVM-global calls), {@code checkpoint}
 * (injected checkpoints), {@code runtime} (the only host package tenants can see), {@code globals}
 * (each tenant's view of JVM-global state), {@code unload} (leak-free unloading).
 */
package io.cohost.isolation;
