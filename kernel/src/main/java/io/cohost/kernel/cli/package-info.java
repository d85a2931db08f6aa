/** The {@code cohost} command line: {@code serve} runs a host, the other commands call its REST API. */
package io.cohost.kernel.cli;
