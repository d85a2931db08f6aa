package io.cohost.admin.security;

import io.cohost.admin.http.AuditNote;
import io.cohost.kernel.management.access.AuditEntry;
import io.cohost.kernel.management.access.AuditLog;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link AuditEntry} for every state-changing request to the admin plane (anything but GET,
 * HEAD, OPTIONS), whoever sent it and however it ended: refused ones included, so failed logins and
 * forged requests are on record. It sits outside {@link AccessGuard}, and records when the response
 * is committed, so the entry is on disk before the client has its answer.
 */
public final class AuditTrail extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private final AuditLog log;
    private final Clock clock;

    public AuditTrail(AuditLog log, Clock clock, Handler handler) {
        super(handler);
        this.log = log;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!CsrfGuard.isStateChanging(request)) {
            return super.handle(request, response, callback);
        }
        AtomicBoolean recorded = new AtomicBoolean();
        Response audited = new Response.Wrapper(request, response) {
            @Override
            public void write(boolean last, ByteBuffer content, Callback cb) {
                if (!isCommitted()) {
                    record(request, getStatus(), recorded);
                }
                super.write(last, content, cb);
            }
        };
        Callback completion = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                record(request, response.getStatus(), recorded);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                record(request, 500, recorded);
                super.failed(x);
            }
        };
        boolean handled;
        try {
            handled = super.handle(request, audited, completion);
        } catch (Exception | Error e) {
            record(request, 500, recorded);
            throw e;
        }
        if (!handled) {
            record(request, 404, recorded);
        }
        return handled;
    }

    private void record(Request request, int status, AtomicBoolean recorded) {
        if (!recorded.compareAndSet(false, true)) {
            return;
        }
        Caller caller = Caller.of(request);
        AuditActions.Action action = AuditActions.describe(request.getMethod(), Request.getPathInContext(request));
        String result = AuditNote.result(request).orElse(
                status < 400 ? AuditEntry.OK
                        : status == 401 || status == 403 ? AuditEntry.DENIED
                        : status == 429 ? AuditEntry.RATE_LIMITED
                        : AuditEntry.FAILED);
        String detail = AuditNote.detail(request).orElse(status >= 400 ? "HTTP " + status : "");
        AuditEntry entry = new AuditEntry(clock.instant().toString(), AuditNote.who(request).orElse(caller.who()),
                caller.via(), caller.from(), action.name(), action.target(), result, detail);
        try {
            log.append(entry);
        } catch (RuntimeException e) {
            // The action has happened; failing its answer would only hide that. The log says what was lost.
            LOG.error("audit entry could not be written: {}", entry, e);
        }
    }
}
