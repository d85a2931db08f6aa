/**
 * The one deploy path (REST, CLI and drop-in directory all use {@code Deployer}): name rules, spooling,
 * WAR inspection (zip-slip, zip bombs, malformed web.xml) before anything changes.
 */
package io.cohost.kernel.deploy;
