package io.cohost.admin.figures;

/**
 * The names of the live figures in the API's JSON. Per app:
 *
 * <pre>
 * requestsPerSecond   requests answered per second            the kernel's cohost.requests timers
 * errorRatio          share of 5xx answers, 0 to 1            cohost.requests; absent with no requests
 * p99Seconds          99th percentile of latency              cohost.requests histogram; absent with no requests
 * cpuMillicores       CPU used by the app's threads           the app's meters (AppInfo.meters, from the governor)
 * threads             live threads the app started            the app's meters
 * throttled           1 while the governor throttles it       the app's meters
 * heapBytes           heap retained by the app                the app's meters (the governor's heap walk)
 * openFiles           file handles the app holds open         the app's meters (the governor, fed by the descriptor agent)
 * </pre>
 *
 * Every figure the management API reports in {@code AppInfo.meters} is taken over as it is, so a meter
 * the governor adds appears without a change here. A figure that is not measured is absent, and the UI
 * shows it as "not measured", never as 0.
 */
public final class Figures {
    public static final String REQUESTS_PER_SECOND = "requestsPerSecond";
    public static final String ERROR_RATIO = "errorRatio";
    public static final String P99_SECONDS = "p99Seconds";
    public static final String CPU_MILLICORES = "cpuMillicores";
    public static final String THREADS = "threads";
    public static final String HEAP_BYTES = "heapBytes";
    public static final String OPEN_FILES = "openFiles";

    private Figures() {}
}
