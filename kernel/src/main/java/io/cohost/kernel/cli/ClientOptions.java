package io.cohost.kernel.cli;

import io.cohost.kernel.management.access.LocalAdminToken;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the admin API is and how to prove who we are; shared by every client command. The token is
 * taken from {@code --token}, else {@code COHOST_TOKEN}, else the local host's
 * {@code DATA/admin/cli-token} (written by {@code cohost serve}), so on the host's own machine no
 * setup is needed.
 */
final class ClientOptions {
    @Option(names = "--admin", defaultValue = "${env:COHOST_ADMIN:-http://127.0.0.1:9090}",
            description = "Admin API base URL (default: ${DEFAULT-VALUE}; env COHOST_ADMIN)")
    URI admin;

    @Option(names = "--token", defaultValue = "${env:COHOST_TOKEN}",
            description = "API token (default: env COHOST_TOKEN, else the token 'cohost serve' wrote to DATA/admin/cli-token)")
    String token;

    @Option(names = "--data", defaultValue = "${env:COHOST_DATA:-data}",
            description = "Data directory of a host on this machine, whose admin/cli-token is used when no token is given"
                    + " (default: ./${DEFAULT-VALUE}; env COHOST_DATA)")
    Path data;

    AdminClient client() {
        return new AdminClient(admin, resolveToken());
    }

    Optional<String> resolveToken() {
        if (token != null && !token.isBlank()) {
            return Optional.of(token.strip());
        }
        return LocalAdminToken.read(data);
    }
}
