package io.cohost.kernel.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", mixinStandardHelpOptions = true, description = "Deploys (or redeploys) a WAR to the running host.")
final class DeployCommand extends ClientCommand {
    @Parameters(paramLabel = "FILE.war", description = "The WAR to deploy")
    Path war;

    @Option(names = "--name", description = "App name (default: the file name without .war)")
    String name;

    @Option(names = "--context-path", description = "Context path (default: the descriptor's, or /NAME)")
    String contextPath;

    @Option(names = "--cpu", description = "CPU quota: millicores like 250m or cores like 1.5")
    String cpu;

    @Option(names = "--memory", description = "Memory quota like 128Mi or 1Gi")
    String memory;

    @Option(names = "--files", description = "Open files and sockets quota")
    String files;

    @Option(names = "--threads", description = "Live threads quota")
    String threads;

    @Option(names = "--request-cpu", description = "CPU time one request may use, like 200ms")
    String requestCpu;

    @Option(names = "--concurrency", description = "Requests in flight")
    String concurrency;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The app's descriptor (YAML or JSON): context path, realms, JNDI, system properties, host packages,"
                    + " initializers to exclude, class path, native libraries, quota. Replaces the one given at an earlier deploy.")
    Path config;

    @Override
    AdminClient.Reply call(AdminClient client) throws Exception {
        if (!Files.isRegularFile(war)) {
            throw new java.io.IOException("no such file: " + war);
        }
        String app = name != null ? name : war.getFileName().toString().replaceFirst("\\.war$", "");
        StringBuilder query = new StringBuilder();
        param(query, "contextPath", contextPath);
        param(query, "cpu", cpu);
        param(query, "memory", memory);
        param(query, "files", files);
        param(query, "threads", threads);
        param(query, "requestCpu", requestCpu);
        param(query, "concurrency", concurrency);
        String path = "/api/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8) + query;
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new java.io.IOException("no such descriptor file: " + config);
            }
            return client.putWarWithDescriptor(path, war, Files.readString(config));
        }
        return client.putFile(path, war);
    }

    private static void param(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.length() == 0 ? '?' : '&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
