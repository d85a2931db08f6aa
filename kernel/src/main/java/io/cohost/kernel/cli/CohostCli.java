package io.cohost.kernel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cohost} command: {@code serve} runs a host in this process; every other command talks
 * to a running host's REST API, the same API the admin UI uses.
 */
@Command(name = "cohost", mixinStandardHelpOptions = true, version = "cohost 0.1.0",
        description = "Runs many web applications in one JVM, each contained.",
        subcommands = {ServeCommand.class, DeployCommand.class, AppsCommand.class,
                LifecycleCommand.Start.class, LifecycleCommand.Stop.class, LifecycleCommand.Restart.class,
                LifecycleCommand.Rollback.class, LifecycleCommand.Undeploy.class, QuotaCommand.class, AccessCommand.class,
                TokenCommand.class, AdminCommand.class})
public final class CohostCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new CohostCli()).execute(args);
        if (code != 0 || !ServeCommand.isServing()) {
            System.exit(code);
        }
    }
}
