/**
 * The per-app descriptor: what an operator (or the WAR itself, in {@code WEB-INF/cohost.yaml}) says
 * about one app beyond its WAR. Immutable records, read from YAML or JSON by {@link io.cohost.kernel.config.DescriptorReader},
 * merged by {@link io.cohost.kernel.config.AppDescriptor#overriddenBy}. Depends on nothing else of the kernel.
 */
package io.cohost.kernel.config;
