package io.cohost.kernel.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where the admin API is; shared by every client command. */
final class ClientOptions {
    @Option(names = "--admin", defaultValue = "${env:COHOST_ADMIN:-http://127.0.0.1:9090}",
            description = "Admin API base URL (default: ${DEFAULT-VALUE}; env COHOST_ADMIN)")
    URI admin;

    AdminClient client() {
        return new AdminClient(admin);
    }
}
