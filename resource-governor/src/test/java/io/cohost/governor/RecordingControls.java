package io.cohost.governor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host's side of a governed tenant, for governor tests: nothing is acted on, and what the governor
 * asked for is recorded as text, in order, all together ({@link #actions}) and by kind.
 */
final class RecordingControls implements TenantControls {
    /** {@code "guard true"}, {@code "kill REASON"}, {@code "event TYPE DETAIL"}, in the order asked. */
    final List<String> actions = new CopyOnWriteArrayList<>();
    /** {@code "TYPE: DETAIL"} */
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> kills = new CopyOnWriteArrayList<>();

    @Override
    public void setGuard(boolean raised) {
        actions.add("guard " + raised);
    }

    @Override
    public void kill(String reason) {
        actions.add("kill " + reason);
        kills.add(reason);
    }

    @Override
    public void event(String type, String detail) {
        actions.add("event " + type + " " + detail);
        events.add(type + ": " + detail);
    }

    @Override
    public boolean isRequestWorker(Thread thread) {
        return false;
    }
}
