package io.cohost.kernel.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "quota", mixinStandardHelpOptions = true, description = "Changes an app's quotas live, e.g. 'cohost quota shop cpu=250m memory=128Mi'."
        + " An empty value (cpu=) returns to the host default; 'unlimited' lifts the limit.")
final class QuotaCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The app")
    String name;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "cpu, memory, files, threads, requestCpu, concurrency")
    Map<String, String> values = new LinkedHashMap<>();

    @Override
    AdminClient.Reply call(AdminClient client) throws Exception {
        StringBuilder json = new StringBuilder("{");
        values.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(escape(k)).append("\":\"")
                .append(escape(v)).append('"'));
        return client.putJson("/api/apps/" + name + "/quota", json.append('}').toString());
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
