/**
 * Dispatch of requests and callbacks onto tenant threads: the elastic per-tenant executor, the
 * {@code WebAppContext} subclass that routes every entry into tenant code through it, and the router
 * that maps a request path to the tenant serving it. Depends on Jetty only.
 */
package io.cohost.kernel.dispatch;
