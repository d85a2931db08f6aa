/**
 * The management API ({@code HostManagement}) the admin plane and the CLI (through REST) use, its value
 * types and its one exception.
 */
package io.cohost.kernel.management;
