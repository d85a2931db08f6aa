/**
 * The bridge tenant code is rewritten to call: the one host package visible to tenants. Everything here
 * acts only on the calling tenant's own view and refuses callers that are not tenant code.
 */
package io.cohost.isolation.runtime;
