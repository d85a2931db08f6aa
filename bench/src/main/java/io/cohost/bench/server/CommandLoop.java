package io.cohost.bench.server;

import io.cohost.bench.process.ChildServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server side of the harness's line protocol: one command per line on standard input, one reply
 * per command on standard output ({@code bench> ok k=v ...} or {@code bench> error message}). Every
 * server has {@code memory}, {@code gc} and {@code quit}; each adds its own commands.
 */
public final class CommandLoop {
    /** A command: its arguments in, its reply's key=value pairs out. */
    @FunctionalInterface
    public interface Command {
        Map<String, Object> run(List<String> args) throws Exception;
    }

    private final Map<String, Command> commands = new HashMap<>();

    public CommandLoop() {
        commands.put("memory", args -> memory());
        commands.put("gc", args -> {
            collectGarbage();
            return memory();
        });
    }

    public CommandLoop on(String name, Command command) {
        commands.put(name, command);
        return this;
    }

    public static void reply(String line) {
        System.out.println(ChildServer.REPLY + line);
        System.out.flush();
    }

    public static void ready(Map<String, Object> values) {
        reply("ready" + format(values));
    }

    /** Runs commands until {@code quit} or the end of input. */
    public void run() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            List<String> words = Arrays.asList(line.trim().split("\\s+"));
            if (words.get(0).equals("quit")) {
                return;
            }
            Command c = commands.get(words.get(0));
            if (c == null) {
                reply("error unknown command '" + words.get(0) + "'; known: " + commands.keySet());
                continue;
            }
            try {
                reply("ok" + format(c.run(words.subList(1, words.size()))));
            } catch (Exception | Error e) {
                e.printStackTrace();
                reply("error " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
    }

    private static String format(Map<String, Object> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    /** Full collections until one frees nothing more (at most five), so "after GC" figures are stable. */
    public static void collectGarbage() {
        long before = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= before - (64 << 10)) {
                break;
            }
            before = used;
        }
    }

    /** Heap and metaspace in use, classes loaded and live threads of this JVM. */
    public static Map<String, Object> memory() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heapUsed", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        m.put("metaspaceUsed", metaspace);
        m.put("classesLoaded", ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        m.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        return m;
    }
}
