/**
 * Per-tenant logs: {@code DATA/logs/NAME.log}, rotated by size, and the routing of stdout, stderr and
 * {@code java.util.logging} output made on tenant threads into them.
 */
package io.cohost.kernel.logs;
