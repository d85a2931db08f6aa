/** Extension points the kernel offers to modules that depend on it (the admin plane), and the /metrics handler both serve. */
package io.cohost.kernel.spi;
