/**
 * Persisted state: the data directory layout ({@code AppStore}), one JSON record per app, atomic writes
 * that survive {@code kill -9}.
 */
package io.cohost.kernel.state;
