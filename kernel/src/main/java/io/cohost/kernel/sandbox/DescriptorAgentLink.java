package io.cohost.kernel.sandbox;

import io.cohost.agent.DescriptorAgent;
import io.cohost.agent.DescriptorKind;
import io.cohost.agent.DescriptorLedger;
import io.cohost.agent.DescriptorTracker;
import io.cohost.governor.Governor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's use of the descriptor agent: at start it tells the agent whose threads are whose
 * ({@link ThreadAttribution}, one for the JVM, whatever number of hosts run in it); when an instance
 * stops it closes what the instance still holds.
 *
 * <p>Without the agent (a JVM started without {@code -javaagent:descriptor-agent.jar}) the host runs,
 * but tenants' file handles are neither metered nor limited and the file, network and process rules
 * hold only at the call sites rewritten in tenant code (processes); the host says so when it starts.
 */
public final class DescriptorAgentLink {
    private static final Logger LOG = LoggerFactory.getLogger(DescriptorAgentLink.class);

    private DescriptorAgentLink() {}

    /** Connects the agent, if the JVM runs it; returns whether it does. */
    public static synchronized boolean start(Governor governor) {
        Optional<DescriptorTracker> tracker = DescriptorAgent.tracker();
        if (tracker.isEmpty()) {
            LOG.warn("the descriptor agent is not loaded: apps' file handles are not metered or limited, and their file"
                    + " and network rules are not enforced; start the JVM with -javaagent:descriptor-agent.jar (./cohost does)");
            return false;
        }
        List<String> missing = DescriptorAgent.missingTargets();
        if (!missing.isEmpty()) {
            LOG.warn("the descriptor agent cannot hook {} on this JDK ({}); descriptors opened through them are not metered",
                    missing, Runtime.version());
        }
        HostFiles.sharedReadOnly();
        tracker.get().setAttribution(ThreadAttribution.INSTANCE);
        governor.meterFileHandles();
        return true;
    }

    /**
     * Closes every descriptor still charged to {@code sandbox}, through its owner (which wakes a
     * thread blocked reading it); returns one note per kind closed and per failure.
     */
    public static List<String> closeAll(TenantSandbox sandbox) {
        Optional<DescriptorTracker> tracker = DescriptorAgent.tracker();
        if (tracker.isEmpty()) {
            return List.of();
        }
        DescriptorLedger.ForceClosed closed = tracker.get().ledger().closeAll(sandbox);
        List<String> notes = new java.util.ArrayList<>();
        if (closed.total() > 0) {
            notes.add("closed " + closed.total() + " file handle(s) the app left open: " + describe(closed.closed()));
        }
        closed.failures().forEach(f -> notes.add("could not close " + f));
        return notes;
    }

    /** The instance is gone: the agent forgets it. */
    public static void forget(TenantSandbox sandbox) {
        DescriptorAgent.tracker().ifPresent(t -> t.ledger().forget(sandbox));
    }

    private static String describe(Map<DescriptorKind, Integer> byKind) {
        StringBuilder b = new StringBuilder();
        byKind.forEach((k, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(' ')
                .append(k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        return b.toString();
    }
}
