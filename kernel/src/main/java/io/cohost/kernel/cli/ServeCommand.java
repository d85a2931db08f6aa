package io.cohost.kernel.cli;

import io.cohost.kernel.Host;
import io.cohost.kernel.HostConfig;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.management.ManagementException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Runs a host in this process until it is interrupted.")
final class ServeCommand implements Callable<Integer> {
    private static volatile boolean serving;

    @Option(names = "--port", defaultValue = "8080", description = "Tenant HTTP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--admin-port", defaultValue = "9090", description = "Admin HTTP port (default: ${DEFAULT-VALUE})")
    int adminPort;

    @Option(names = "--admin-host", defaultValue = "127.0.0.1",
            description = "Interface of the admin connector (default: ${DEFAULT-VALUE}); binding elsewhere exposes the admin plane")
    String adminHost;

    @Option(names = "--data", defaultValue = "data", description = "Data directory (default: ./${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--samples", description = "Folder of sample WARs (NAME.war) to deploy at start, unless an app of that name exists")
    Path samples;

    @Option(names = "--sample", split = ",", defaultValue = "hello,guestbook",
            description = "Which sample WARs to deploy (default: ${DEFAULT-VALUE})")
    List<String> sampleNames;

    static boolean isServing() {
        return serving;
    }

    @Override
    public Integer call() throws Exception {
        HostConfig config = HostConfig.defaults().withPorts(port, adminPort).withAdminHost(adminHost).withDataDir(data);
        Host host = Host.create(config);
        host.start();
        serving = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                host.stop();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            }
        }, "cohost-shutdown"));
        if (samples != null) {
            deploySamples(host);
        }
        System.out.println("Cohost is running.");
        System.out.println("  apps:    " + host.tenantUri() + "/NAME/");
        host.management().apps().forEach(a ->
                System.out.println("           " + host.tenantUri() + a.contextPath() + "/   (" + a.name() + ", " + a.state() + ")"));
        System.out.println("  admin:   " + host.adminUri() + "/api/apps");
        System.out.println("  metrics: " + host.adminUri() + "/metrics");
        System.out.println("  data:    " + config.dataDir().toAbsolutePath());
        return 0;
    }

    private void deploySamples(Host host) throws Exception {
        for (String name : sampleNames) {
            Path war = samples.resolve(name + ".war");
            boolean exists = host.management().apps().stream().anyMatch(a -> a.name().equals(name));
            if (exists || !Files.isRegularFile(war)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(war)) {
                host.management().deploy(name, in, DeployRequest.defaults());
            } catch (ManagementException e) {
                System.err.println("sample '" + name + "' did not deploy: " + e.getMessage() + " (" + e.detail() + ")");
            }
        }
    }
}
