/**
 * Call-site interception of JVM-global methods in tenant code: one table ({@code RedirectTable}) serves
 * the bytecode rewriter, reflection and method handles.
 */
package io.cohost.isolation.intercept;
