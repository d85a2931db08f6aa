package io.cohost.bench.suite;

import io.cohost.bench.BenchContext;
import io.cohost.bench.Benchmark;
import io.cohost.bench.client.HttpProbe;
import io.cohost.bench.process.ChildServer;
import io.cohost.bench.process.ServerJvm;
import io.cohost.bench.process.Wrk;
import io.cohost.bench.report.Fmt;
import io.cohost.bench.report.Section;
import io.cohost.bench.report.Stats;
import io.cohost.bench.report.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;

/**
 * Figure 3, request overhead: hello through Cohost (governor on: a CPU quota set, metering and budget
 * accounting running, checkpoints in the code) vs the same WAR in plain Jetty's WebAppContext. Both
 * servers run at once, each pinned to core 0; wrk is pinned to core 1. Rounds alternate which server is
 * loaded first; then both are loaded at the same instant, which gives the steadiest ratio on a noisy machine.
 */
public final class RequestOverheadBenchmark implements Benchmark {
    static final int SERVER_CORE = 0;
    static final int CLIENT_CORE = 1;
    static final int CONNECTIONS = 16;
    /** Far above what one core can use: the quota is enforced (metered, budgeted) but never binds. */
    static final String COHOST_QUOTA = "cpu=4";

    @Override
    public String id() {
        return "request-overhead";
    }

    @Override
    public String title() {
        return "3. Request overhead: hello through Cohost vs plain Jetty";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        if (!Wrk.available()) {
            throw new IllegalStateException("wrk is not installed; install the Debian package: apt-get install -y wrk");
        }
        int rounds = ctx.runs(5);
        Duration each = ctx.pick(Duration.ofSeconds(10), Duration.ofSeconds(2));
        Duration warmup = ctx.pick(Duration.ofSeconds(10), Duration.ofSeconds(1));
        Path hello = ctx.wars().sample("hello");
        List<Wrk.Result> cohostAlt = new ArrayList<>();
        List<Wrk.Result> plainAlt = new ArrayList<>();
        List<Wrk.Result> cohostSame = new ArrayList<>();
        List<Wrk.Result> plainSame = new ArrayList<>();
        try (ChildServer cohost = Servers.cohost(ctx, "overhead-cohost", OptionalInt.of(SERVER_CORE));
                ChildServer plain = Servers.plain(ctx, "overhead-plain", OptionalInt.of(SERVER_CORE), "hello=" + hello)) {
            cohost.send("deploy hello " + hello + " " + COHOST_QUOTA);
            String cohostUrl = "http://127.0.0.1:" + cohost.port() + "/hello/";
            String plainUrl = "http://127.0.0.1:" + plain.port() + "/hello/";
            HttpProbe.awaitOk(cohost.port(), "/hello/", Duration.ofSeconds(30), Duration.ofMillis(5));
            HttpProbe.awaitOk(plain.port(), "/hello/", Duration.ofSeconds(30), Duration.ofMillis(5));
            ctx.log("request overhead: warming up both servers");
            wrk(cohostUrl, warmup);
            wrk(plainUrl, warmup);
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    cohostAlt.add(wrk(cohostUrl, each));
                    plainAlt.add(wrk(plainUrl, each));
                } else {
                    plainAlt.add(wrk(plainUrl, each));
                    cohostAlt.add(wrk(cohostUrl, each));
                }
                ctx.log("request overhead: round " + (r + 1) + " alternating: cohost " + Fmt.num(cohostAlt.get(r).requestsPerSecond(), 0)
                        + " req/s, plain " + Fmt.num(plainAlt.get(r).requestsPerSecond(), 0) + " req/s");
            }
            for (int r = 0; r < rounds; r++) {
                Wrk.Running a = Wrk.start(OptionalInt.of(CLIENT_CORE), CONNECTIONS, each, cohostUrl);
                Wrk.Running b = Wrk.start(OptionalInt.of(CLIENT_CORE), CONNECTIONS, each, plainUrl);
                cohostSame.add(a.await());
                plainSame.add(b.await());
                ctx.log("request overhead: round " + (r + 1) + " same instant: cohost " + Fmt.num(cohostSame.get(r).requestsPerSecond(), 0)
                        + " req/s, plain " + Fmt.num(plainSame.get(r).requestsPerSecond(), 0) + " req/s");
            }
        }
        return report(rounds, each, cohostAlt, plainAlt, cohostSame, plainSame);
    }

    private static Wrk.Result wrk(String url, Duration d) throws Exception {
        return Wrk.start(OptionalInt.of(CLIENT_CORE), CONNECTIONS, d, url).await();
    }

    private Section report(int rounds, Duration each, List<Wrk.Result> cohostAlt, List<Wrk.Result> plainAlt, List<Wrk.Result> cohostSame,
            List<Wrk.Result> plainSame) {
        Section s = new Section(id(), title());
        s.text("""
                `hello` served by **Cohost** (governor on: the app has a CPU quota of 4 cores, so it is metered every
                20 ms and charged against a budget but never throttled; its classes carry checkpoints; every request is
                handed to a tenant thread) and by **plain Jetty** (the same WAR in a `WebAppContext`, stock
                configuration). Both server JVMs run at the same time (flags: %s), each pinned to core %d
                with `taskset`; wrk (`%s`) is pinned to core %d. **Alternating**: %d rounds of %d s per server, the
                order swapped every round, after a warm-up of each. **Same instant**: %d rounds in which two wrk processes
                load both servers at once, so both see the same machine at the same moment and share core %d. Ratios
                are Cohost ÷ plain per round. wrk is a closed-loop load generator, so its latencies are those of a
                saturated server; see figure 5 for latencies at a fixed rate.
                """.formatted(ServerJvm.flagsNote(), SERVER_CORE, String.join(" ", Wrk.command(OptionalInt.of(CLIENT_CORE), CONNECTIONS, each, "URL")),
                CLIENT_CORE, rounds, each.toSeconds(), rounds, SERVER_CORE));
        Table t = new Table("figure", "Cohost", "plain Jetty", "Cohost ÷ plain Jetty");
        t.row("req/s, alternating", spread(cohostAlt, Wrk.Result::requestsPerSecond, 0), spread(plainAlt, Wrk.Result::requestsPerSecond, 0),
                Fmt.ratio(ratios(cohostAlt, plainAlt, Wrk.Result::requestsPerSecond)));
        t.row("p50 latency (ms), alternating", spread(cohostAlt, r -> r.p50Micros() / 1000, 2), spread(plainAlt, r -> r.p50Micros() / 1000, 2),
                Fmt.ratio(ratios(cohostAlt, plainAlt, Wrk.Result::p50Micros)));
        t.row("p99 latency (ms), alternating", spread(cohostAlt, r -> r.p99Micros() / 1000, 2), spread(plainAlt, r -> r.p99Micros() / 1000, 2),
                Fmt.ratio(ratios(cohostAlt, plainAlt, Wrk.Result::p99Micros)));
        t.row("req/s, same instant", spread(cohostSame, Wrk.Result::requestsPerSecond, 0), spread(plainSame, Wrk.Result::requestsPerSecond, 0),
                Fmt.ratio(ratios(cohostSame, plainSame, Wrk.Result::requestsPerSecond)));
        t.row("p50 latency (ms), same instant", spread(cohostSame, r -> r.p50Micros() / 1000, 2), spread(plainSame, r -> r.p50Micros() / 1000, 2),
                Fmt.ratio(ratios(cohostSame, plainSame, Wrk.Result::p50Micros)));
        t.row("p99 latency (ms), same instant", spread(cohostSame, r -> r.p99Micros() / 1000, 2), spread(plainSame, r -> r.p99Micros() / 1000, 2),
                Fmt.ratio(ratios(cohostSame, plainSame, Wrk.Result::p99Micros)));
        long errors = cohostAlt.stream().mapToLong(Wrk.Result::errors).sum() + cohostSame.stream().mapToLong(Wrk.Result::errors).sum();
        long plainErrors = plainAlt.stream().mapToLong(Wrk.Result::errors).sum() + plainSame.stream().mapToLong(Wrk.Result::errors).sum();
        t.row("failed requests (all rounds)", Long.toString(errors), Long.toString(plainErrors), "");
        s.table(t);
        Stats same = ratios(cohostSame, plainSame, Wrk.Result::requestsPerSecond);
        Stats alt = ratios(cohostAlt, plainAlt, Wrk.Result::requestsPerSecond);
        s.headline("Request throughput (hello, one core)", "Cohost serves " + Fmt.ratio(same) + " of plain Jetty's req/s loaded at the same instant, "
                + Fmt.ratio(alt) + " alternating; p50 " + Fmt.num(Stats.of(cohostAlt.stream().map(r -> r.p50Micros() / 1000).toList()).median(), 2)
                + " ms vs " + Fmt.num(Stats.of(plainAlt.stream().map(r -> r.p50Micros() / 1000).toList()).median(), 2) + " ms", "≥ 0.97× plain Jetty's req/s");
        return s;
    }

    private static String spread(List<Wrk.Result> results, ToDoubleFunction<Wrk.Result> f, int decimals) {
        return Fmt.spread(Stats.of(results.stream().map(f::applyAsDouble).toList()), decimals);
    }

    private static Stats ratios(List<Wrk.Result> a, List<Wrk.Result> b, ToDoubleFunction<Wrk.Result> f) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            r.add(f.applyAsDouble(a.get(i)) / f.applyAsDouble(b.get(i)));
        }
        return Stats.of(r);
    }
}
