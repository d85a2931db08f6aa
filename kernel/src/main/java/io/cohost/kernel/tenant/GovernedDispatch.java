package io.cohost.kernel.tenant;

import io.cohost.governor.GovernedTenant;
import io.cohost.kernel.dispatch.DispatchHooks;

/** The governor's say on each request of one tenant instance, in the dispatch's terms. */
final class GovernedDispatch implements DispatchHooks {
    private final GovernedTenant governed;

    GovernedDispatch(GovernedTenant governed) {
        this.governed = governed;
    }

    @Override
    public boolean admit(Runnable dispatch) {
        return governed.admission().admit(dispatch);
    }

    @Override
    public void completed() {
        governed.admission().release();
    }

    @Override
    public String refusal() {
        return governed.admission().refusal();
    }

    @Override
    public String rejection() {
        return governed.isRejecting() ? "app '" + governed.tenant() + "' has been over its quota for a while and refuses new requests for now" : null;
    }

    @Override
    public void dispatchStarted() {
        governed.requestStarted();
    }

    @Override
    public void dispatchEnded() {
        governed.requestEnded();
    }
}
