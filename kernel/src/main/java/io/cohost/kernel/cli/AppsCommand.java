package io.cohost.kernel.cli;

import picocli.CommandLine.Command;

@Command(name = "apps", mixinStandardHelpOptions = true, description = "Lists the apps of the running host with their state.")
final class AppsCommand extends ClientCommand {
    @Override
    AdminClient.Reply call(AdminClient client) throws Exception {
        return client.get("/api/apps");
    }
}
