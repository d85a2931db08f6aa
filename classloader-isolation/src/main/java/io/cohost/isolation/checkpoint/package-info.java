/**
 * Checkpoints injected into tenant code: a per-tenant guard class, the injection transformation, and
 * the handler interface through which the host (the resource governor) throttles and stops tenant threads.
 */
package io.cohost.isolation.checkpoint;
