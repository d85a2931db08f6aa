package io.cohost.admin.http;

import java.util.Optional;
import org.eclipse.jetty.server.Request;

/**
 * What a handler adds to the audit entry of the request it handles: a detail (what changed, or the
 * error), a result other than the one its status implies, or who tried (a failed login's user name).
 */
public final class AuditNote {
    private static final String DETAIL = AuditNote.class.getName() + ".detail";
    private static final String RESULT = AuditNote.class.getName() + ".result";
    private static final String WHO = AuditNote.class.getName() + ".who";

    private AuditNote() {}

    public static void detail(Request request, String detail) {
        request.setAttribute(DETAIL, detail);
    }

    public static void result(Request request, String result) {
        request.setAttribute(RESULT, result);
    }

    public static void who(Request request, String who) {
        request.setAttribute(WHO, who);
    }

    public static Optional<String> detail(Request request) {
        return text(request, DETAIL);
    }

    public static Optional<String> result(Request request) {
        return text(request, RESULT);
    }

    public static Optional<String> who(Request request) {
        return text(request, WHO);
    }

    private static Optional<String> text(Request request, String name) {
        return request.getAttribute(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
