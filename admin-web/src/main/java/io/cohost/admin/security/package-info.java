/**
 * Access control of the admin plane: login and browser sessions (with their CSRF check), bearer
 * tokens, the login rate limit, the body size limit, security headers and the audit trail. The
 * credential, token and audit files themselves are kept by {@code io.cohost.kernel.management.access}.
 */
package io.cohost.admin.security;
