package io.cohost.admin.security;

import io.cohost.kernel.management.access.AdminCredentials;
import io.cohost.kernel.management.access.ApiTokens;
import io.cohost.kernel.management.access.AuditEntry;
import io.cohost.kernel.management.access.AuditLog;
import io.cohost.kernel.management.access.LocalAdminToken;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What the admin plane makes sure of before it serves: an admin credential exists (the first start
 * generates a password and prints it once; only its hash is kept), and the local CLI token is valid.
 */
public final class AccessBootstrap {
    private AccessBootstrap() {}

    public static void run(Path dataDir, AdminCredentials credentials, ApiTokens tokens, AuditLog audit, PrintStream console)
            throws IOException {
        Optional<String> generated = credentials.createIfMissing();
        if (generated.isPresent()) {
            console.println();
            console.println("  Cohost admin login (shown only this once; only its hash is stored):");
            console.println("    user:     " + AdminCredentials.USER);
            console.println("    password: " + generated.get());
            console.println("  Lost it? cohost admin reset-password --data " + dataDir);
            console.println();
            audit.append(new AuditEntry(Instant.now().toString(), "host", "", "local", "create-password",
                    AdminCredentials.USER, AuditEntry.OK, "first start: password generated"));
        }
        LocalAdminToken.ensure(dataDir, tokens);
    }
}
