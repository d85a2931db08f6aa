package io.cohost.bench.fd;

import io.cohost.agent.Attribution;
import io.cohost.agent.DescriptorAgent;
import io.cohost.agent.DescriptorGate;
import io.cohost.governor.files.FileHandles;
import io.cohost.governor.files.HostDescriptorGuard;
import io.cohost.kernel.management.AccessPolicy;
import io.cohost.kernel.sandbox.FileRules;
import io.cohost.kernel.sandbox.TenantSandbox;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells the descriptor agent that the threads of one thread group are a tenant's, checked by Cohost's
 * own {@link TenantSandbox} (file rules with {@code work} as the tenant's writable directory, a
 * {@code files} quota of 1,000 that the benchmark never reaches, the host's automatic descriptor
 * reserve, the default access policy) as a host's tenant would be. Every other thread is the host's,
 * which the agent lets pass after asking whose it is.
 */
final class TenantAttribution {
    private TenantAttribution() {}

    static void install(Path work, ThreadGroup tenantGroup) {
        if (!DescriptorAgent.isInstalled()) {
            throw new IllegalStateException("the host and tenant sides need -javaagent:descriptor-agent.jar");
        }
        TenantSandbox sandbox = new TenantSandbox("bench",
                new FileHandles("bench", new HostDescriptorGuard(HostDescriptorGuard.ProcessDescriptors.ofThisProcess(), 0), 1_000),
                List.of(new FileRules.Root(work, true, "its work directory")), AccessPolicy.defaults());
        Attribution byGroup = () -> Thread.currentThread().getThreadGroup() == tenantGroup ? (DescriptorGate) sandbox : null;
        DescriptorAgent.tracker().orElseThrow().setAttribution(byGroup);
    }
}
