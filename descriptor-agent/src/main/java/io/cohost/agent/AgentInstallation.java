package io.cohost.agent;

import io.cohost.agent.boot.DescriptorHooks;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The running agent: its transformer and tracker. Loaded only after the hook classes are on the boot class path. */
record AgentInstallation(JdkDescriptorTransformer transformer, DescriptorTracker tracker) {

    static AgentInstallation start(Instrumentation inst) throws ClassNotFoundException, UnmodifiableClassException {
        Class<?> hooks = Class.forName("io.cohost.agent.boot.DescriptorHooks", true, null);
        if (hooks != DescriptorHooks.class) {
            throw new IllegalStateException("the hook classes were loaded before they reached the boot class path");
        }
        Module base = Object.class.getModule();
        Module agent = DescriptorAgent.class.getModule();
        // java.base calls the hooks; the agent closes sockets and descriptors through non-public methods
        inst.redefineModule(base, Set.of(hooks.getModule()), Map.of(),
                Map.of("sun.nio.ch", Set.of(agent), "java.io", Set.of(agent)), Set.of(), Map.of());

        DescriptorTracker tracker = new DescriptorTracker();
        warmUp(tracker);
        DescriptorHooks.install(tracker);
        JdkDescriptorTransformer transformer = new JdkDescriptorTransformer();
        inst.addTransformer(transformer, true);
        List<Class<?>> loaded = new ArrayList<>();
        Set<String> targets = JdkTargets.classes();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getClassLoader() == null && targets.contains(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            inst.retransformClasses(loaded.toArray(Class<?>[]::new));
        }
        return new AgentInstallation(transformer, tracker);
    }

    /** Loads what the tracker runs, so that no hook ever waits for the tracker's own classes to load. */
    private static void warmUp(DescriptorTracker tracker) throws ClassNotFoundException {
        for (String c : List.of("io.cohost.agent.DescriptorLedger$Key", "io.cohost.agent.DescriptorLedger$Probe",
                "io.cohost.agent.DescriptorLedger$ForceClosed", "io.cohost.agent.OpenDescriptor", "io.cohost.agent.OwnerCloser",
                "io.cohost.agent.DescriptorKind", "io.cohost.agent.DescriptorTracker$Frame")) {
            Class.forName(c, true, DescriptorAgent.class.getClassLoader());
        }
        tracker.closed(new Object());
        tracker.ledger().expunge();
    }

    /** Targets this JDK lacks, and classes the transformer failed to rewrite. */
    List<String> missing() {
        List<String> missing = new ArrayList<>(JdkTargets.missingOnThisJdk());
        transformer.failures().forEach((c, f) -> missing.add(c + " (not rewritten: " + f + ")"));
        return missing;
    }
}
