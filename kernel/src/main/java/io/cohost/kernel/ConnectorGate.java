package io.cohost.kernel;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Passes on only the requests that arrived on one named connector. It is what keeps tenants off the
 * admin connector and the admin plane off the tenant connector, whatever paths either serves.
 */
final class ConnectorGate extends Handler.Wrapper {
    private final String connectorName;

    ConnectorGate(String connectorName, Handler handler) {
        super(handler);
        this.connectorName = connectorName;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!connectorName.equals(request.getConnectionMetaData().getConnector().getName())) {
            return false;
        }
        return super.handle(request, response, callback);
    }
}
