/**
 * Who may use the management API and the record of what they did, kept in the data directory:
 *
 * <pre>
 * DATA/admin/credentials.json   the admin's password, as a salted PBKDF2 hash only   ({@link io.cohost.kernel.management.access.AdminCredentials})
 * DATA/admin/tokens.json        API tokens, as SHA-256 hashes only                    ({@link io.cohost.kernel.management.access.ApiTokens})
 * DATA/admin/cli-token          a token for the local CLI, readable by the owner only ({@link io.cohost.kernel.management.access.LocalAdminToken})
 * DATA/admin/audit.log          every state-changing admin action, one JSON line each ({@link io.cohost.kernel.management.access.AuditLog})
 * </pre>
 *
 * It lives in the kernel, beside the management API, because both the admin plane (which enforces
 * it) and the command line (which resets the password with the host down) use it. Every class reads
 * its file afresh, so a change made by another process (the CLI) takes effect without a restart.
 */
package io.cohost.kernel.management.access;
