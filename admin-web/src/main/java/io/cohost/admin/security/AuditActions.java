package io.cohost.admin.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names a state-changing admin request for the audit log: {@code PUT /api/apps/shop} is {@code deploy shop}. */
final class AuditActions {
    record Action(String name, String target) {}

    private static final Pattern APP = Pattern.compile("/api/apps/([^/]+)(?:/([a-z-]+))?");
    private static final Pattern TOKEN = Pattern.compile("/api/tokens/([^/]+)");

    private AuditActions() {}

    static Action describe(String method, String path) {
        if (path.equals("/login") && method.equals("POST")) {
            return new Action("login", "");
        }
        if (path.equals("/logout") && method.equals("POST")) {
            return new Action("logout", "");
        }
        if (path.equals("/api/tokens") && method.equals("POST")) {
            return new Action("create-token", "");
        }
        Matcher token = TOKEN.matcher(path);
        if (token.matches() && method.equals("DELETE")) {
            return new Action("revoke-token", token.group(1));
        }
        Matcher app = APP.matcher(path);
        if (app.matches()) {
            String name = app.group(1);
            String sub = app.group(2);
            if (sub == null) {
                switch (method) {
                    case "PUT": return new Action("deploy", name);
                    case "DELETE": return new Action("undeploy", name);
                    default: break;
                }
            } else if (sub.equals("quota") && method.equals("PUT")) {
                return new Action("set-quota", name);
            } else if (method.equals("POST")) {
                return new Action(sub, name);
            }
        }
        return new Action(method + " " + path, "");
    }
}
