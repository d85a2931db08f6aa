/** Quotas in Kubernetes vocabulary (cpu {@code 250m}, memory {@code 128Mi}...) and their one parser. */
package io.cohost.governor.quota;
