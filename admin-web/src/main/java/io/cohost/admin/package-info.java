/**
 * The admin plane: the REST API (and the web UI) served on the admin connector. Depends on the
 * kernel's management API ({@code io.cohost.kernel.management}, {@code io.cohost.kernel.spi}) only;
 * nothing depends on this module.
 */
package io.cohost.admin;
