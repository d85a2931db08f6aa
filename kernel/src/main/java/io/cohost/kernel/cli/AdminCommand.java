package io.cohost.kernel.cli;

import io.cohost.kernel.management.access.AdminCredentials;
import io.cohost.kernel.management.access.AuditEntry;
import io.cohost.kernel.management.access.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Admin-plane commands that work on the data directory directly, with or without a running host:
 * they are how an operator who lost the password gets back in.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Manages the admin login on this machine's data directory.",
        subcommands = AdminCommand.ResetPassword.class)
final class AdminCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without a subcommand, says which there are. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Replaces the admin password with a new generated one and prints it once. "
                    + "Works whether the host runs or not; browser sessions opened with the old password end.")
    static final class ResetPassword implements Callable<Integer> {
        @Option(names = "--data", defaultValue = "${env:COHOST_DATA:-data}",
                description = "The host's data directory (default: ./${DEFAULT-VALUE}; env COHOST_DATA)")
        Path data;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(data)) {
                System.err.println("error: no data directory at " + data.toAbsolutePath() + "; pass the host's with --data DIR");
                return 2;
            }
            String password = AdminCredentials.in(data).reset();
            AuditLog.in(data).append(new AuditEntry(Instant.now().toString(), System.getProperty("user.name"), "cli",
                    "local", "reset-password", AdminCredentials.USER, AuditEntry.OK, ""));
            System.out.println("New password for user '" + AdminCredentials.USER + "': " + password);
            System.out.println("It is shown only this once; only its hash is stored in "
                    + AdminCredentials.in(data).file());
            return 0;
        }
    }
}
