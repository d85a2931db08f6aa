/**
 * The descriptor agent: JDK instrumentation that lets the host check, charge and force-close every
 * descriptor opened on a tenant's thread, whichever code opens it (the tenant's, a library's, the JDK's).
 *
 * <pre>
 *  java.base (instrumented) ──► boot.DescriptorHooks ──► DescriptorTracker ──► Attribution: whose thread?
 *                                                                         ├──► DescriptorGate: may it? (host)
 *                                                                         └──► DescriptorLedger: what is open
 * </pre>
 *
 * A library: depends on ASM only, knows nothing of tenants, Jetty or the governor; the kernel supplies
 * the {@link io.cohost.agent.Attribution} and one {@link io.cohost.agent.DescriptorGate} per tenant
 * instance. Nothing in Cohost's other libraries may depend on it.
 */
package io.cohost.agent;
