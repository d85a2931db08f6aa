package io.cohost.kernel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that calls the admin API and prints its answer; exit code 1 when the API refuses. */
abstract class ClientCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    abstract AdminClient.Reply call(AdminClient client) throws Exception;

    @Override
    public Integer call() throws Exception {
        AdminClient.Reply reply;
        AdminClient client = options.client();
        try {
            reply = call(client);
        } catch (java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        (reply.ok() ? System.out : System.err).println(reply.body());
        if (reply.status() == 401) {
            System.err.println(client.hasToken()
                    ? "error: the admin API refused the token; it may have been revoked. Create one in the admin UI"
                            + " (Tokens) and pass it with --token or COHOST_TOKEN"
                    : "error: the admin API needs a token. Pass --token or set COHOST_TOKEN; on the host's machine,"
                            + " run from the folder holding its data directory or pass --data DIR (it reads DIR/admin/cli-token)");
        }
        return reply.ok() ? 0 : 1;
    }
}
