/**
 * Per-tenant heap: the retained-heap walk, its size model and identity table. Stock HotSpot has no
 * per-tenant heap partition; these estimate what a tenant holds so the governor can act on it.
 */
package io.cohost.governor.heap;
