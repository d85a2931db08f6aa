/**
 * Leak-free unloading: what a stopped tenant leaves in JVM-wide places that would keep its class
 * loader alive (threads it started, ThreadLocals on shared threads, JDBC drivers, logging handlers),
 * each cleared by one small class, after Tomcat's {@code clearReferences*} checklist.
 */
package io.cohost.isolation.unload;
