package io.cohost.kernel.management;

import java.util.List;

/**
 * A stopped app whose class loader is still reachable after garbage collection.
 *
 * @param notes what stopping the app found and cleared, or could not clear (threads that did not
 *              end, ThreadLocals, drivers...): where to look for the reference that holds it
 */
public record LeakReport(String app, String version, String stoppedAt, String message, List<String> notes) {}
