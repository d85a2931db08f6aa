/** CPU metering of tenant thread groups and the token-bucket CPU budget. */
package io.cohost.governor.cpu;
