package io.cohost.kernel.dispatch;

import io.cohost.kernel.container.MetaDataResolvedHook;
import io.cohost.kernel.container.SharedClassMatchers;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.ServletChannel;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.pathmap.MatchedResource;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ClassMatcher;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * A {@link WebAppContext} whose every call into tenant code runs on a thread of the tenant's
 * {@link TenantExecutor}, never on a shared Jetty thread. Five hooks do it:
 *
 * <ol>
 *   <li>{@link #handle}: the request is handed to a tenant thread (filters, service, lazy init).</li>
 *   <li>{@link #doStart}/{@link #doStop}: initializers, listeners, init/destroy run on a tenant thread.</li>
 *   <li>The scoped context's {@code execute}: async start, dispatch, timeouts, write wake-ups.</li>
 *   <li>The scoped context's synchronous {@code run/call/accept/test}: read/write listener callbacks,
 *       WebSocket frames. Their callers expect the work done on return, so they wait.</li>
 *   <li>Async read demand: a non-blocking hop, so a Jetty selector thread never waits on a tenant.</li>
 * </ol>
 *
 * Everything else is stock Jetty, so web.xml, annotations, initializers, fragments and
 * {@code WEB-INF/lib} behave as in a plain Jetty server.
 */
public class TenantWebAppContext extends WebAppContext {
    /** Not final: {@link #newContext()} runs inside the super constructor, before fields are set. */
    private volatile TenantExecutor executor;
    private volatile RequestObserver observer = RequestObserver.NONE;
    private volatile DispatchHooks hooks = DispatchHooks.NONE;
    /** Set once the configurations have added their patterns; until then the context's own are read. */
    private volatile SharedClassMatchers.Pair sharedMatchers;

    public TenantWebAppContext(TenantExecutor executor) {
        this.executor = executor;
    }

    public TenantExecutor executor() {
        return executor;
    }

    public void setRequestObserver(RequestObserver observer) {
        this.observer = observer;
    }

    public void setDispatchHooks(DispatchHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Callback observed = observer.begin(request, response, callback);
        DispatchHooks h = hooks;
        String rejection = h.rejection();
        if (rejection != null) {
            unavailable(request, response, observed, rejection);
            return true;
        }
        Callback done = new Callback.Nested(observed) {
            @Override
            public void succeeded() {
                super.succeeded();
                h.completed();
            }

            @Override
            public void failed(Throwable x) {
                super.failed(x);
                h.completed();
            }
        };
        Runnable dispatch = () -> {
            if (executor.isTenantThread()) {
                handleOnTenantThread(request, response, done);
                return;
            }
            try {
                executor.execute(() -> handleOnTenantThread(request, response, done));
            } catch (RejectedExecutionException e) {
                unavailable(request, response, done, e.getMessage());
            }
        };
        if (!h.admit(dispatch)) {
            unavailable(request, response, observed, h.refusal());
        }
        return true;
    }

    private static void unavailable(Request request, Response response, Callback callback, String why) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, why);
    }

    /** "Not handled" cannot fall through to another handler once we returned true, so it is a 404 here. */
    private void handleOnTenantThread(Request request, Response response, Callback callback) {
        DispatchHooks h = hooks;
        h.dispatchStarted();
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable t) {
            Response.writeError(request, response, callback, t);
        } finally {
            h.dispatchEnded();
        }
    }

    @Override
    protected void doStart() throws Exception {
        executor.call(() -> {
            superDoStart();
            return null;
        });
    }

    @Override
    protected void startContext() throws Exception {
        super.startContext();
        // Tenant code and Jetty components that look the executor up must never get the shared pool.
        setAttribute("org.eclipse.jetty.server.Executor", executor);
    }

    /** The metadata is resolved and nothing has started yet: the moment for {@link MetaDataResolvedHook}s. */
    @Override
    protected void startWebapp() throws Exception {
        for (org.eclipse.jetty.ee10.webapp.Configuration c : getConfigurations()) {
            if (c instanceof MetaDataResolvedHook hook) {
                hook.metaDataResolved(this);
            }
        }
        super.startWebapp();
    }

    /** Jetty's preConfigure, after which the class patterns are complete and can be shared. */
    @Override
    public void preConfigure() throws Exception {
        super.preConfigure();
        sharedMatchers = SharedClassMatchers.share(super.getProtectedClassMatcher(), super.getHiddenClassMatcher());
    }

    @Override
    public ClassMatcher getProtectedClassMatcher() {
        SharedClassMatchers.Pair shared = sharedMatchers;
        return shared == null ? super.getProtectedClassMatcher() : shared.protectedClasses();
    }

    @Override
    public ClassMatcher getHiddenClassMatcher() {
        SharedClassMatchers.Pair shared = sharedMatchers;
        return shared == null ? super.getHiddenClassMatcher() : shared.hiddenClasses();
    }

    @Override
    public String[] getProtectedClasses() {
        return getProtectedClassMatcher().getPatterns();
    }

    @Override
    public String[] getHiddenClasses() {
        return getHiddenClassMatcher().getPatterns();
    }

    @Override
    protected void doStop() throws Exception {
        executor.call(() -> {
            superDoStop();
            return null;
        });
    }

    private void superDoStart() throws Exception {
        super.doStart();
    }

    private void superDoStop() throws Exception {
        try {
            super.doStop();
        } finally {
            SharedClassMatchers.Pair shared = sharedMatchers;
            if (shared != null) {
                // a restart starts from the patterns Jetty's own preConfigure expects to find
                SharedClassMatchers.restore(shared, super.getProtectedClassMatcher(), super.getHiddenClassMatcher());
                sharedMatchers = null;
            }
        }
    }

    @Override
    protected ContextHandler.ScopedContext newContext() {
        return new TenantScopedContext();
    }

    @Override
    protected ServletContextRequest newServletContextRequest(ServletChannel servletChannel, Request request, Response response,
            String decodedPathInContext, MatchedResource<ServletHandler.MappedServlet> matchedResource) {
        return new TenantRequest(servletChannel, request, response, decodedPathInContext, matchedResource);
    }

    /** The per-context executor and scope entries of Jetty, redirected to the tenant's threads. */
    private final class TenantScopedContext extends ServletScopedContext {
        private boolean onTenantThread() {
            TenantExecutor e = executor;
            return e == null || e.isTenantThread();
        }

        @Override
        public void execute(Runnable task, Request request) {
            TenantExecutor e = executor;
            if (e == null) {
                super.execute(task, request);
                return;
            }
            e.execute(() -> run(task, request));
        }

        @Override
        public void run(Runnable task, Request request) {
            if (onTenantThread()) {
                super.run(task, request);
            } else {
                executor.runAndWait(() -> super.run(task, request));
            }
        }

        @Override
        public void call(Invocable.Callable task, Request request) throws Exception {
            if (onTenantThread()) {
                super.call(task, request);
            } else {
                executor.call((java.util.concurrent.Callable<Void>) () -> {
                    super.call(task, request);
                    return null;
                });
            }
        }

        @Override
        public void accept(Consumer<Throwable> consumer, Throwable failure, Request request) {
            if (onTenantThread()) {
                super.accept(consumer, failure, request);
            } else {
                executor.runAndWait(() -> super.accept(consumer, failure, request));
            }
        }

        @Override
        public <T> boolean test(Predicate<T> predicate, T value, Request request) {
            if (onTenantThread()) {
                return super.test(predicate, value, request);
            }
            try {
                return executor.call(() -> super.test(predicate, value, request));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Wakes async readers through a non-blocking hop; blocking reads only release a latch, no tenant code. */
    private final class TenantRequest extends ServletContextRequest {
        TenantRequest(ServletChannel channel, Request request, Response response, String pathInContext,
                MatchedResource<ServletHandler.MappedServlet> matched) {
            super(TenantWebAppContext.this.getContext().getServletContext(), channel, request, response, pathInContext, matched,
                    TenantWebAppContext.this.getSessionHandler());
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (getHttpInput().isAsync()) {
                getWrapped().demand(Invocable.from(Invocable.InvocationType.NON_BLOCKING,
                        () -> executor.execute(() -> getContext().run(demandCallback, this))));
            } else {
                getWrapped().demand(demandCallback);
            }
        }
    }
}
