package io.cohost.kernel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "access", mixinStandardHelpOptions = true, description = "Sets what an app may use beyond its own files, replacing what it had, e.g."
        + " 'cohost access shop --read /srv/catalog --connect db.internal:5432'. Applied to the running app at once.")
final class AccessCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The app")
    String name;

    @Option(names = "--read", paramLabel = "PATH", description = "An absolute path the app may read (repeatable)")
    List<String> read = new ArrayList<>();

    @Option(names = "--write", paramLabel = "PATH", description = "An absolute path the app may read and write (repeatable)")
    List<String> write = new ArrayList<>();

    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "A destination the app may connect to, e.g."
            + " db.internal:5432, *.example.com:443 (repeatable); without any, every destination")
    List<String> connect = new ArrayList<>();

    @Option(names = "--no-network", description = "The app may not connect anywhere")
    boolean noNetwork;

    @Option(names = "--processes", description = "The app may start processes (refused by default)")
    boolean processes;

    @Override
    AdminClient.Reply call(AdminClient client) throws Exception {
        Map<String, String> paths = new LinkedHashMap<>();
        read.forEach(p -> paths.put(p, "read"));
        write.forEach(p -> paths.put(p, "read-write"));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("paths", paths);
        policy.put("network", noNetwork ? List.of() : connect.isEmpty() ? List.of("*") : connect);
        policy.put("processes", processes);
        return client.putJson("/api/apps/" + name + "/access", new ObjectMapper().writeValueAsString(policy));
    }
}
