package io.cohost.admin;

import io.cohost.admin.figures.FigureSampler;
import org.eclipse.jetty.server.Handler;

/**
 * The root of the admin plane's handlers, and its lifecycle: before the admin connector serves, the
 * admin credential and the local CLI token exist and the figure sampler runs; on stop the sampler ends.
 */
final class AdminPlaneHandler extends Handler.Wrapper {
    interface Bootstrap {
        void run() throws Exception;
    }

    private final Bootstrap bootstrap;
    private final FigureSampler figures;

    AdminPlaneHandler(Handler handler, Bootstrap bootstrap, FigureSampler figures) {
        super(handler);
        this.bootstrap = bootstrap;
        this.figures = figures;
    }

    @Override
    protected void doStart() throws Exception {
        bootstrap.run();
        figures.start();
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        try {
            super.doStop();
        } finally {
            figures.close();
        }
    }
}
