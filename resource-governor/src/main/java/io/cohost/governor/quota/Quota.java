package io.cohost.governor.quota;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An app's quotas: one {@link Limit} per {@link Resource}. Built from the string map an operator
 * writes ({@code {cpu: 250m, memory: 128Mi}}), where an omitted key means the host-wide default and
 * {@code unlimited} means no limit.
 */
public final class Quota {
    private final Map<Resource, Limit> limits;

    private Quota(Map<Resource, Limit> limits) {
        this.limits = limits;
    }

    public static Quota none() {
        return new Quota(new EnumMap<>(Resource.class));
    }

    /** Parses every entry; throws {@link QuotaException} naming the first bad key or value and the accepted forms. */
    public static Quota parse(Map<String, String> values) {
        Map<Resource, Limit> limits = new EnumMap<>(Resource.class);
        for (Map.Entry<String, String> e : values.entrySet()) {
            Resource r = Resource.ofKey(e.getKey());
            Limit l = QuotaParser.parse(r, e.getValue());
            if (!(l instanceof Limit.Default)) {
                limits.put(r, l);
            }
        }
        return new Quota(limits);
    }

    public Limit get(Resource resource) {
        return limits.getOrDefault(resource, Limit.DEFAULT);
    }

    /** This quota with the given values changed (an empty value returns that resource to the default). */
    public Quota with(Map<String, String> changes) {
        Map<Resource, Limit> merged = new EnumMap<>(Resource.class);
        merged.putAll(limits);
        for (Map.Entry<String, String> e : changes.entrySet()) {
            Resource r = Resource.ofKey(e.getKey());
            Limit l = QuotaParser.parse(r, e.getValue());
            if (l instanceof Limit.Default) {
                merged.remove(r);
            } else {
                merged.put(r, l);
            }
        }
        return new Quota(merged);
    }

    /** Each resource's limit, falling back to {@code defaults} where this quota leaves it unset. */
    public Quota orDefaults(Quota defaults) {
        Map<Resource, Limit> merged = new EnumMap<>(Resource.class);
        for (Resource r : Resource.values()) {
            Limit l = get(r).or(defaults.get(r));
            if (!(l instanceof Limit.Default)) {
                merged.put(r, l);
            }
        }
        return new Quota(merged);
    }

    /** The canonical string map, for persisting and for the API. */
    public Map<String, String> toMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Resource r : Resource.values()) {
            if (limits.containsKey(r)) {
                out.put(r.key(), QuotaParser.format(r, limits.get(r)));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quota q && q.limits.equals(limits);
    }

    @Override
    public int hashCode() {
        return limits.hashCode();
    }

    @Override
    public String toString() {
        return "Quota" + toMap();
    }
}
