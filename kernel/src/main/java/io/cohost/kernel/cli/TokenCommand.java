package io.cohost.kernel.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** API tokens, through the admin API: the same operations as the UI's Tokens page. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Creates, lists and revokes API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without a subcommand, says which there are. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a token and prints it; it is shown only this once.")
    static final class Create extends ClientCommand {
        @Parameters(paramLabel = "NAME", description = "What the token is for, e.g. prometheus")
        String name;

        @Override
        AdminClient.Reply call(AdminClient client) throws Exception {
            String body = "{\"name\":\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
            return client.postJson("/api/tokens", body);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tokens (never their secrets).")
    static final class ListTokens extends ClientCommand {
        @Override
        AdminClient.Reply call(AdminClient client) throws Exception {
            return client.get("/api/tokens");
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token; it stops working at once.")
    static final class Revoke extends ClientCommand {
        @Parameters(paramLabel = "ID", description = "The token's id, as listed")
        String id;

        @Override
        AdminClient.Reply call(AdminClient client) throws Exception {
            return client.delete("/api/tokens/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        }
    }
}
