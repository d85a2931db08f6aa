/** Extension points the kernel offers to modules that depend on it (the admin plane). */
package io.cohost.kernel.spi;
