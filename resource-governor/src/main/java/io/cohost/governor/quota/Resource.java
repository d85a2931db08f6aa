package io.cohost.governor.quota;


/**
 * The resources a quota can limit, with their Kubernetes-style names and the forms their values take.
 */
public enum Resource {
    CPU("cpu", "millicores like '250m', cores like '0.5' or '2', or 'unlimited'"),
    MEMORY("memory", "bytes with a binary or decimal suffix like '128Mi', '1Gi', '500M', or 'unlimited'"),
    FILES("files", "a positive count of open files and sockets like '256', or 'unlimited'"),
    THREADS("threads", "a positive count of live threads like '50', or 'unlimited'"),
    REQUEST_CPU("requestCpu", "a CPU time per request like '200ms' or '1.5s', or 'unlimited'"),
    CONCURRENCY("concurrency", "a positive count of requests in flight like '20', or 'unlimited'");

    private final String key;
    private final String forms;

    Resource(String key, String forms) {
        this.key = key;
        this.forms = forms;
    }

    /** The name in quota maps, the API and the CLI: {@code cpu}, {@code memory}, ... */
    public String key() {
        return key;
    }

    /** The accepted forms, for error messages. */
    public String forms() {
        return forms;
    }

    public static Resource ofKey(String key) {
        for (Resource r : values()) {
            if (r.key.equalsIgnoreCase(key)) {
                return r;
            }
        }
        throw new QuotaException("unknown quota '" + key + "'; the quotas are " + keys());
    }

    static String keys() {
        StringBuilder b = new StringBuilder();
        for (Resource r : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(r.key);
        }
        return b.toString();
    }
}
