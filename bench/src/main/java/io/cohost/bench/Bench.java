package io.cohost.bench;

import io.cohost.bench.report.Machine;
import io.cohost.bench.report.ResultsFile;
import io.cohost.bench.report.RunInfo;
import io.cohost.bench.report.Section;
import io.cohost.bench.suite.ContainmentBenchmark;
import io.cohost.bench.suite.DensityBenchmark;
import io.cohost.bench.suite.DeployLatencyBenchmark;
import io.cohost.bench.suite.FdAccountingBenchmark;
import io.cohost.bench.suite.GovernorOverheadBenchmark;
import io.cohost.bench.suite.HeapWalkBenchmark;
import io.cohost.bench.suite.NoisyNeighbourBenchmark;
import io.cohost.bench.suite.RedeployStabilityBenchmark;
import io.cohost.bench.suite.RequestOverheadBenchmark;
import io.cohost.bench.war.Wars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one benchmark and writes its section of the results file:
 * {@code Bench ID [--quick] [--results FILE] [--command TEXT]}. The entry scripts in {@code bench/} call it.
 */
public final class Bench {
    /** Every benchmark, in the order BENCHMARKS.md lists them. */
    public static final List<Benchmark> ALL = List.of(new DensityBenchmark(), new DeployLatencyBenchmark(),
            new RequestOverheadBenchmark(), new GovernorOverheadBenchmark(), new NoisyNeighbourBenchmark(),
            new ContainmentBenchmark(), new RedeployStabilityBenchmark(), new FdAccountingBenchmark(),
            new HeapWalkBenchmark());

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench ID [--quick] [--results FILE] [--command TEXT]; ids: "
                    + ALL.stream().map(Benchmark::id).toList());
            System.exit(2);
        }
        String id = args[0];
        boolean quick = false;
        Path results = null;
        String command = "bench/" + id;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--results" -> results = Path.of(args[++i]);
                case "--command" -> command = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --quick, --results FILE, --command TEXT");
            }
        }
        Benchmark benchmark = ALL.stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no benchmark '" + id + "'; known: " + ALL.stream().map(Benchmark::id).toList()));
        if (results == null) {
            results = quick ? Path.of("bench/target/BENCHMARKS-quick.md") : Path.of("BENCHMARKS.md");
        }

        Path scratch = Files.createTempDirectory("cohost-bench-" + id + "-");
        Wars wars = Wars.fromSystemProperty();
        Path logs = Path.of(System.getProperty("cohost.bench.target", "bench/target")).resolve("logs").resolve(id);
        BenchContext context = new BenchContext(quick, wars, scratch, logs);
        Instant started = Instant.now();
        String load = Machine.loadAverages();
        context.log(benchmark.title() + (quick ? " (quick mode)" : "") + "; load average " + load);
        Section section;
        try {
            section = benchmark.run(context);
        } finally {
            deleteQuietly(scratch);
        }
        RunInfo run = new RunInfo(command, started, load, Machine.jdk(), quick, Duration.between(started, Instant.now()));
        List<ResultsFile.Entry> entries = new ArrayList<>();
        ALL.forEach(b -> entries.add(new ResultsFile.Entry(b.id(), b.title(), "bench/" + b.id())));
        new ResultsFile(results, entries).update(section, run);
        context.log("wrote " + results + " (" + run.took().toSeconds() + " s)");
        System.exit(0);
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // scratch space under the temp directory; the OS cleans it eventually
        }
    }
}
