package io.cohost.kernel.tenant;

import io.cohost.governor.files.HandleKind;
import io.cohost.kernel.management.AccessPolicy;
import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.state.AppRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the management API shows of an app: its record, its lifecycle, and its running instance's live figures. */
final class AppInfos {
    private AppInfos() {}

    /** @param fileHandlesMetered whether the host meters file handles (the descriptor agent is running) */
    static AppInfo of(Tenant t, boolean fileHandlesMetered) {
        Optional<AppRecord> r = t.record();
        return new AppInfo(t.name, t.lifecycle.state().name(), t.lifecycle.detail(),
                r.map(AppRecord::contextPath).orElse(""), r.map(AppRecord::version).orElse(""),
                r.map(AppRecord::previousVersion).orElse(""), r.map(x -> x.desiredState().name()).orElse(""),
                r.map(AppRecord::deployedAt).orElse(""),
                t.instance().map(i -> String.valueOf(i.startedAt())).orElse(""),
                r.map(AppRecord::source).orElse(""), r.map(AppRecord::quota).orElse(Map.of()),
                t.instance().map(i -> meters(i, fileHandlesMetered)).orElse(Map.of()), t.lifecycle.events(),
                r.map(AppRecord::descriptor).orElse(""), r.map(AppRecord::access).orElse(AccessPolicy.defaults()));
    }

    /** Live figures of a running instance; one not measured yet (NaN) is left out rather than shown as 0. */
    private static Map<String, Double> meters(TenantInstance i, boolean fileHandlesMetered) {
        Map<String, Double> m = new LinkedHashMap<>();
        var g = i.governed();
        if (!Double.isNaN(g.millicores())) {
            m.put("cpuMillicores", (double) Math.round(g.millicores()));
        }
        m.put("cpuSeconds", g.cpuSeconds());
        m.put("threads", (double) g.liveThreads());
        m.put("throttled", g.isThrottled() ? 1.0 : 0.0);
        if (g.retainedBytes() >= 0) {
            m.put("heapBytes", (double) g.retainedBytes());
            m.put("heapMeasuredAtEpochMillis", (double) g.retainedMeasuredAtMillis());
        }
        m.put("allocatedBytes", (double) g.allocatedBytes());
        if (!Double.isNaN(g.allocationBytesPerSecond())) {
            m.put("allocationBytesPerSecond", (double) Math.round(g.allocationBytesPerSecond()));
        }
        m.put("classes", (double) i.classLoader().definedClasses().size());
        if (fileHandlesMetered) {
            m.put("openFiles", (double) g.files().open());
            for (HandleKind kind : HandleKind.values()) {
                m.put("openFiles." + kind.tag(), (double) g.files().open(kind));
            }
        }
        return m;
    }
}
