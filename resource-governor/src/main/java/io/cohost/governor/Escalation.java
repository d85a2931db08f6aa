package io.cohost.governor;

import io.cohost.governor.quota.QuotaException;
import io.cohost.governor.quota.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The escalation ladder per resource: the steps the governor may take against a tenant that keeps
 * exceeding a quota, in order, one more each time the violation has lasted {@link #stepAfter()}.
 *
 * <pre>notify → throttle → reject (new requests get 503) → stop (KILLED with the figures)</pre>
 *
 * Defaults: CPU {@code notify,throttle}; threads and files {@code notify} (what is over quota is
 * refused anyway; {@code stop} ends an app that stays at its quota); memory {@code notify,stop}.
 */
public record Escalation(Map<Resource, List<Step>> ladders, Duration stepAfter) {
    public enum Step { NOTIFY, THROTTLE, REJECT, STOP }

    public Escalation {
        ladders = Map.copyOf(ladders);
    }

    public static Escalation defaults() {
        Map<Resource, List<Step>> l = new EnumMap<>(Resource.class);
        l.put(Resource.CPU, List.of(Step.NOTIFY, Step.THROTTLE));
        l.put(Resource.THREADS, List.of(Step.NOTIFY));
        l.put(Resource.FILES, List.of(Step.NOTIFY));
        l.put(Resource.MEMORY, List.of(Step.NOTIFY, Step.STOP));
        return new Escalation(l, Duration.ofSeconds(10));
    }

    public List<Step> ladder(Resource r) {
        return ladders.getOrDefault(r, List.of(Step.NOTIFY));
    }

    /** {@code cpu=notify,throttle,stop}: the ladder of one resource, replacing its default. */
    public Escalation with(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new QuotaException("invalid ladder '" + spec + "': use RESOURCE=STEP,STEP e.g. 'cpu=notify,throttle,reject,stop'");
        }
        Resource r = Resource.ofKey(spec.substring(0, eq).trim());
        List<Step> steps = new ArrayList<>();
        for (String s : spec.substring(eq + 1).split(",")) {
            try {
                steps.add(Step.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new QuotaException("invalid ladder step '" + s.trim() + "' for " + r.key() + ": use notify, throttle, reject or stop");
            }
        }
        Map<Resource, List<Step>> l = new EnumMap<>(Resource.class);
        l.putAll(ladders);
        l.put(r, List.copyOf(steps));
        return new Escalation(l, stepAfter);
    }
}
