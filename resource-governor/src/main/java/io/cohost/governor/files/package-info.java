/**
 * File handles per tenant: what one tenant instance holds by kind against its {@code files} quota
 * ({@link io.cohost.governor.files.FileHandles}), and the process-wide reserve of descriptors kept for
 * the host ({@link io.cohost.governor.files.HostDescriptorGuard}). The host reports opens and closes;
 * finding them (the descriptor agent) is not this package's business.
 */
package io.cohost.governor.files;
