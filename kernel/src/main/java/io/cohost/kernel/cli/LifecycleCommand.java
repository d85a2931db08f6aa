package io.cohost.kernel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** start, stop, restart, rollback and undeploy: one app, one API call each. */
abstract class LifecycleCommand extends ClientCommand {
    @Parameters(paramLabel = "NAME", description = "The app")
    String name;

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Starts a stopped, failed or killed app.")
    static final class Start extends LifecycleCommand {
        @Override
        AdminClient.Reply call(AdminClient client) throws Exception {
            return client.post("/api/apps/" + name + "/start");
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops an app; it stays stopped across host restarts.")
    static final class Stop extends LifecycleCommand {
        @Override
        AdminClient.Reply call(AdminClient client) throws Exception {
            return client.post("/api/apps/" + name + "/stop");
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Stops and starts an app.")
    static final class Restart extends LifecycleCommand {
        @Override
        AdminClient.Reply call(AdminClient client) throws Exception {
            return client.post("/api/apps/" + name + "/restart");
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Goes back to the version deployed before the current one.")
    static final class Rollback extends LifecycleCommand {
        @Override
        AdminClient.Reply call(AdminClient client) throws Exception {
            return client.post("/api/apps/" + name + "/rollback");
        }
    }

    @Command(name = "undeploy", mixinStandardHelpOptions = true, description = "Stops an app and removes it and its files.")
    static final class Undeploy extends LifecycleCommand {
        @Override
        AdminClient.Reply call(AdminClient client) throws Exception {
            return client.delete("/api/apps/" + name);
        }
    }
}
