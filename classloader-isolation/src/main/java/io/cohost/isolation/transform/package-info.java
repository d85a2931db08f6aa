/**
 * The bytecode transformation pipeline applied to every class a tenant loader defines, and its
 * extension point {@link io.cohost.isolation.transform.ClassTransformation}. ASM only.
 */
package io.cohost.isolation.transform;
