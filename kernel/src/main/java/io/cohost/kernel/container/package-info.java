/**
 * The servlet-container features every tenant gets (annotations and initializers, web fragments, JSP
 * with JSTL for apps that can use it, JNDI, WebSocket, jetty-ee10-servlets filters, login realms) as Jetty web-app
 * configurations, and the parts of an app's descriptor that are applied inside Jetty (JNDI entries,
 * realms). Uses the kernel's {@code config} records; used by {@code tenant.TenantInstanceFactory}.
 */
package io.cohost.kernel.container;
