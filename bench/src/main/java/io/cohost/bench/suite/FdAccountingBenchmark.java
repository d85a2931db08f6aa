package io.cohost.bench.suite;

import io.cohost.bench.BenchContext;
import io.cohost.bench.Benchmark;
import io.cohost.bench.fd.OpenCloseTimer;
import io.cohost.bench.process.OneShotJvm;
import io.cohost.bench.process.ServerJvm;
import io.cohost.bench.report.Fmt;
import io.cohost.bench.report.Section;
import io.cohost.bench.report.Stats;
import io.cohost.bench.report.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 8, file-handle accounting: what one open+close costs with the descriptor agent, on a host
 * thread and on a tenant thread, against the JDK as it ships. Each side runs {@link OpenCloseTimer} in a
 * fresh JVM (the agent is a JVM-wide choice), the three sides take turns in every round in rotating
 * order, and the ratios are taken within each round.
 */
public final class FdAccountingBenchmark implements Benchmark {
    /** The operations, in the order the child reports them, and what each does. */
    static final Map<String, String> OPS = ops();
    static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx256m");

    private static Map<String, String> ops() {
        Map<String, String> ops = new LinkedHashMap<>();
        ops.put("file", "`new FileInputStream(f).close()`");
        ops.put("nio-file", "`Files.newByteChannel(f).close()`");
        ops.put("socket", "`SocketChannel.open().close()` (unconnected)");
        return ops;
    }

    @Override
    public String id() {
        return "fd-accounting";
    }

    @Override
    public String title() {
        return "8. File-handle accounting: cost per open and close";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        int rounds = ctx.runs(5);
        long warmupMs = ctx.pick(2_000L, 200L);
        int batch = ctx.pick(20_000, 2_000);
        int batches = ctx.pick(7, 3);
        // per side, per op, one value per round
        Map<String, Map<String, List<Double>>> nanos = new LinkedHashMap<>();
        for (String side : OpenCloseTimer.SIDES) {
            Map<String, List<Double>> perOp = new LinkedHashMap<>();
            OPS.keySet().forEach(op -> perOp.put(op, new ArrayList<>()));
            nanos.put(side, perOp);
        }
        for (int r = 0; r < rounds; r++) {
            List<String> order = new ArrayList<>(OpenCloseTimer.SIDES);
            Collections.rotate(order, r);
            for (String side : order) {
                Map<String, String> result = OneShotJvm.run("fd-" + side + "-" + r, command(side, warmupMs, batch, batches), ctx.logs(),
                        Duration.ofMinutes(5));
                OPS.keySet().forEach(op -> nanos.get(side).get(op).add(Double.parseDouble(result.get(op))));
                ctx.log("fd accounting: round " + (r + 1) + "/" + rounds + " " + side + ": " + result);
            }
        }
        return report(rounds, warmupMs, batch, batches, nanos);
    }

    private static List<String> command(String side, long warmupMs, int batch, int batches) {
        List<String> flags = new ArrayList<>(JVM_FLAGS);
        if (!side.equals("plain")) {
            flags.add("-javaagent:" + ServerJvm.descriptorAgentJar());
        }
        return ServerJvm.command(java.util.OptionalInt.empty(), flags, OpenCloseTimer.class,
                List.of(side, Long.toString(warmupMs), Integer.toString(batch), Integer.toString(batches)));
    }

    private Section report(int rounds, long warmupMs, int batch, int batches, Map<String, Map<String, List<Double>>> nanos) {
        Section s = new Section(id(), title());
        s.text("""
                The cost the file-handle governor adds to every descriptor a JVM opens, measured on its own: the same
                program (`io.cohost.bench.fd.OpenCloseTimer`) in a fresh JVM per side and round, flags `%s`.
                **Plain**: no agent, the JDK as it ships. **Host thread**: `-javaagent:descriptor-agent.jar`, measured on
                a host thread: every hook asks whose thread it is and lets it pass (what the host's own opens pay,
                Jetty's accepted connections among them). **Tenant thread**: the same agent, measured on a thread the
                agent attributes to a tenant: every open is checked against Cohost's real `TenantSandbox` (path rules,
                the `files` quota, set to 1,000 and never reached, and the host's descriptor reserve), charged in the
                ledger and released on close. Per operation: %,d ms of warm-up, then the median of %d batches of
                %,d open+close. %d rounds; the three sides take turns in every round, in rotating order; ratios are
                taken within each round, then summarised.
                """.formatted(String.join(" ", JVM_FLAGS), warmupMs, batches, batch, rounds));
        Table t = new Table("open+close", "what", "plain (ns)", "host thread (ns)", "tenant thread (ns)", "tenant − plain (ns)",
                "host ÷ plain", "tenant ÷ plain");
        Map<String, Stats> tenantRatio = new LinkedHashMap<>();
        Map<String, Stats> hostRatio = new LinkedHashMap<>();
        for (Map.Entry<String, String> op : OPS.entrySet()) {
            List<Double> plain = nanos.get("plain").get(op.getKey());
            List<Double> host = nanos.get("host").get(op.getKey());
            List<Double> tenant = nanos.get("tenant").get(op.getKey());
            List<Double> hostOverPlain = new ArrayList<>();
            List<Double> tenantOverPlain = new ArrayList<>();
            List<Double> tenantMinusPlain = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                hostOverPlain.add(host.get(r) / plain.get(r));
                tenantOverPlain.add(tenant.get(r) / plain.get(r));
                tenantMinusPlain.add(tenant.get(r) - plain.get(r));
            }
            hostRatio.put(op.getKey(), Stats.of(hostOverPlain));
            tenantRatio.put(op.getKey(), Stats.of(tenantOverPlain));
            t.row("`" + op.getKey() + "`", op.getValue(), Fmt.spread(Stats.of(plain), 0), Fmt.spread(Stats.of(host), 0),
                    Fmt.spread(Stats.of(tenant), 0), Fmt.spread(Stats.of(tenantMinusPlain), 0), Fmt.ratio(Stats.of(hostOverPlain)),
                    Fmt.ratio(Stats.of(tenantOverPlain)));
        }
        s.table(t);
        s.text("""
                Only the ratios compare sides: each is taken within one round, where the three JVMs ran one after the
                other on the same machine. The nanoseconds are each side's own medians over the rounds, for scale;
                "tenant − plain" is the extra time per open+close on a tenant thread, taken within each round.
                """);
        StringBuilder tenant = new StringBuilder();
        StringBuilder host = new StringBuilder();
        for (String op : OPS.keySet()) {
            tenant.append(tenant.length() == 0 ? "" : ", ").append(op).append(' ').append(Fmt.ratio(tenantRatio.get(op)));
            host.append(host.length() == 0 ? "" : ", ").append(op).append(' ').append(Fmt.ratio(hostRatio.get(op)));
        }
        s.headline("File-handle accounting (one open+close, descriptor agent ÷ plain JDK)",
                "tenant thread (checked and charged): " + tenant + "; host thread: " + host,
                "no target set: the figure the file-handle governor's issue asks for (cost per open/close with accounting vs without)");
        return s;
    }
}
