package io.cohost.kernel.cli;

import io.cohost.kernel.Host;
import io.cohost.kernel.HostConfig;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.access.AdminCredentials;
import io.cohost.kernel.management.access.LocalAdminToken;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs a host in this process until it is interrupted.")
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

    @Option(names = "--max-upload-mb", defaultValue = "256",
            description = "Largest WAR upload accepted, in MiB; larger ones get 413 (default: ${DEFAULT-VALUE})")
    long maxUploadMb;

    @Option(names = "--samples", description = "Folder of sample WARs (NAME.war) to deploy at start, unless an app of that name exists")
    Path samples;

    @Option(names = "--sample", split = ",", defaultValue = "hello,guestbook",
            description = "Which sample WARs to deploy (default: ${DEFAULT-VALUE})")
    List<String> sampleNames;

    @Option(names = "--default-quota", split = ",", paramLabel = "KEY=VALUE",
            description = "Quotas for apps that set none, e.g. cpu=500m,memory=256Mi (default: threads=1000)")
    java.util.Map<String, String> defaultQuota = new java.util.LinkedHashMap<>();

    @Option(names = "--ladder", paramLabel = "RESOURCE=STEPS",
            description = "Escalation ladder of a resource, e.g. cpu=notify,throttle,reject,stop (repeatable)")
    List<String> ladders = new java.util.ArrayList<>();

    @Option(names = "--cpu-budget", description = "Refuse quotas that promise apps more CPU than this, e.g. 2 or 1500m")
    String cpuBudget;

    @Option(names = "--memory-budget", description = "Refuse quotas that promise apps more memory than this, e.g. 4Gi")
    String memoryBudget;

    @Option(names = "--descriptor-reserve", paramLabel = "N", defaultValue = "0",
            description = "Descriptors of the process kept for the host: apps' opens are refused within N of the process's"
                    + " limit (ulimit -n); 0 (default) = a tenth of the limit, at least 64")
    long descriptorReserve;

    @Option(names = "--auto-restart", description = "Restart apps the host killed, with exponential back-off; quarantine after 5 kills in 10 min")
    boolean autoRestart;

    static boolean isServing() {
        return serving;
    }

    @Override
    public Integer call() throws Exception {
        HostConfig defaults = HostConfig.defaults();
        HostConfig config = defaults.withPorts(port, adminPort).withAdminHost(adminHost).withDataDir(data)
                .withUploadLimits(maxUploadMb << 20, Math.max(defaults.maxUnpackedBytes(), maxUploadMb << 20))
                .withGovernor(governorSettings());
        if (autoRestart) {
            config = config.withRestartPolicy(io.cohost.kernel.tenant.RestartPolicy.automatic(java.time.Duration.ofSeconds(1), 5));
        }
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
        System.out.println("  admin:   " + host.adminUri() + "/   (user " + AdminCredentials.USER
                + "; forgot the password? cohost admin reset-password --data " + config.dataDir() + ")");
        System.out.println("  API:     " + host.adminUri() + "/api/apps   (bearer token; the CLI on this machine uses "
                + LocalAdminToken.file(config.dataDir()) + ")");
        System.out.println("  metrics: " + host.adminUri() + "/metrics   (bearer token)");
        System.out.println("  data:    " + config.dataDir().toAbsolutePath());
        return 0;
    }

    /** Host-wide governor settings from the options; invalid values stop the start with the accepted forms. */
    private io.cohost.governor.GovernorSettings governorSettings() {
        io.cohost.governor.GovernorSettings settings = io.cohost.governor.GovernorSettings.standard();
        if (!defaultQuota.isEmpty()) {
            settings = settings.withDefaults(settings.defaultQuota().with(defaultQuota));
        }
        io.cohost.governor.Escalation escalation = settings.escalation();
        for (String ladder : ladders) {
            escalation = escalation.with(ladder);
        }
        long cpu = cpuBudget == null ? 0 : io.cohost.governor.quota.QuotaParser.parse(io.cohost.governor.quota.Resource.CPU, cpuBudget).valueOrMax();
        long memory = memoryBudget == null ? 0
                : io.cohost.governor.quota.QuotaParser.parse(io.cohost.governor.quota.Resource.MEMORY, memoryBudget).valueOrMax();
        return settings.withEscalation(escalation).withBudgets(cpu == Long.MAX_VALUE ? 0 : cpu, memory == Long.MAX_VALUE ? 0 : memory)
                .withDescriptorReserve(descriptorReserve);
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
