/**
 * Each tenant's own view of JVM-global state: system properties, standard streams, default locale and
 * time zone, default uncaught-exception handler, shutdown hooks, a namespace in the platform MBean server.
 */
package io.cohost.isolation.globals;
