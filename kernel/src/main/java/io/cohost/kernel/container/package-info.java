/**
 * The servlet-container features every tenant gets (annotations and initializers, web fragments, JSP
 * with JSTL for apps that can use it, JNDI, WebSocket, jetty-ee10-servlets filters, login realms) as Jetty web-app
 * configurations, and the parts of an app's descriptor that are applied inside Jetty (JNDI entries,
 * realms). What is the same for every app is read or built once per host and shared read-only: Jetty's
 * default descriptor, the container jars' scan results and tag libraries, the class-pattern matchers
 * ({@code SharedClassMatchers}), and idle descriptor parsers. Uses the kernel's {@code config} records;
 * used by {@code tenant.TenantInstanceFactory} and {@code dispatch.TenantWebAppContext}.
 */
package io.cohost.kernel.container;
