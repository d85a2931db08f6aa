/**
 * Live figures of the host and its apps, sampled every few seconds from the host's meters and the
 * management API and kept in memory for the UI's 15-minute charts. A figure that is not measured is
 * absent, never zero.
 */
package io.cohost.admin.figures;
