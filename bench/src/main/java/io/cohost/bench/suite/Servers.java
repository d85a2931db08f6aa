package io.cohost.bench.suite;

import io.cohost.bench.BenchContext;
import io.cohost.bench.process.ChildServer;
import io.cohost.bench.process.ServerJvm;
import io.cohost.bench.server.CohostServer;
import io.cohost.bench.server.PlainJettyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Starts the two kinds of server JVM the benchmarks compare: the same flags, and the descriptor agent in Cohost's. */
final class Servers {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private Servers() {}

    /** A Cohost host (with the descriptor agent) with an empty data directory, on a free port, optionally pinned to one core. */
    static ChildServer cohost(BenchContext ctx, String name, OptionalInt core) throws IOException {
        Path data = Files.createTempDirectory(ctx.scratch(), name + "-data-");
        return ChildServer.start(name, ServerJvm.command(core, ServerJvm.cohostFlags(), CohostServer.class, List.of(data.toString(), "0")), ctx.logs(), START_TIMEOUT);
    }

    /** Plain embedded Jetty on a free port, with {@code wars} ({@code NAME=PATH}) deployed before it starts. */
    static ChildServer plain(BenchContext ctx, String name, OptionalInt core, String... wars) throws IOException {
        return plain(ctx, name, core, ServerJvm.FLAGS, wars);
    }

    static ChildServer plain(BenchContext ctx, String name, OptionalInt core, List<String> flags, String... wars) throws IOException {
        List<String> args = new ArrayList<>();
        args.add("0");
        args.addAll(List.of(wars));
        return ChildServer.start(name, ServerJvm.command(core, flags, PlainJettyServer.class, args), ctx.logs(), START_TIMEOUT);
    }
}
