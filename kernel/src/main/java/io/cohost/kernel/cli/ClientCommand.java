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
        try {
            reply = call(options.client());
        } catch (java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        (reply.ok() ? System.out : System.err).println(reply.body());
        return reply.ok() ? 0 : 1;
    }
}
