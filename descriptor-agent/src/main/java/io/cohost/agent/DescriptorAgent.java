package io.cohost.agent;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The descriptor agent: instruments the JDK's descriptor-owning classes so that every file, socket,
 * selector, pipe and directory stream opened on a tenant's thread is checked and charged
 * ({@link DescriptorTracker}), and can be closed when the tenant stops ({@link DescriptorLedger}).
 *
 * <p>It starts with the JVM, before any application class runs:
 * <pre>
 *   java -javaagent:descriptor-agent.jar ...                 (./cohost, the tests)
 *   java -jar launcher.jar   with Launcher-Agent-Class: io.cohost.agent.DescriptorAgent
 * </pre>
 * Starting: the hook classes are appended to the boot class path (JDK code can only call what the boot
 * loader sees), {@code java.base} is made to read them, the tracker is installed, and the JDK classes
 * already loaded are retransformed. Until the host sets an {@link Attribution}, every thread counts as
 * the host's and nothing is checked or charged.
 */
public final class DescriptorAgent {
    private static volatile AgentInstallation installation;

    private DescriptorAgent() {}

    public static void premain(String args, Instrumentation inst) {
        install(inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        install(inst);
    }

    static synchronized void install(Instrumentation inst) {
        if (installation != null) {
            return;
        }
        try {
            BootJar.appendTo(inst);
            // AgentInstallation names the boot classes: it may only be loaded once they are on the boot class path
            installation = AgentInstallation.start(inst);
        } catch (Exception e) {
            System.err.println("cohost descriptor agent: not started: " + e);
        }
    }

    /** The tracker, when the JVM was started with the agent. */
    public static Optional<DescriptorTracker> tracker() {
        AgentInstallation i = installation;
        return i == null ? Optional.empty() : Optional.of(i.tracker());
    }

    public static boolean isInstalled() {
        return installation != null;
    }

    /** Hooked methods ({@code java/io/FileInputStream.open}...), for diagnostics and tests. */
    public static Set<String> instrumented() {
        AgentInstallation i = installation;
        return i == null ? Set.of() : i.transformer().applied();
    }

    /** Hooks this JDK does not have (the agent still works for the others), and classes it failed to rewrite. */
    public static List<String> missingTargets() {
        AgentInstallation i = installation;
        return i == null ? List.of("the agent is not installed") : i.missing();
    }
}
