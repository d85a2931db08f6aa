package io.cohost.kernel.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", description = "Deploys (or redeploys) a WAR to the running host.")
final class DeployCommand extends ClientCommand {
    @Parameters(paramLabel = "FILE.war", description = "The WAR to deploy")
    Path war;

    @Option(names = "--name", description = "App name (default: the file name without .war)")
    String name;

    @Option(names = "--context-path", description = "Context path (default: /NAME)")
    String contextPath;

    @Override
    AdminClient.Reply call(AdminClient client) throws Exception {
        if (!Files.isRegularFile(war)) {
            throw new java.io.IOException("no such file: " + war);
        }
        String app = name != null ? name : war.getFileName().toString().replaceFirst("\\.war$", "");
        String query = contextPath == null ? "" : "?contextPath=" + URLEncoder.encode(contextPath, StandardCharsets.UTF_8);
        return client.putFile("/api/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8) + query, war);
    }
}
