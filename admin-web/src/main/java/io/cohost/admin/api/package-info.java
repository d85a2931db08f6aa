/**
 * The admin REST API handlers, JSON over {@code io.cohost.kernel.management.HostManagement}.
 */
package io.cohost.admin.api;
