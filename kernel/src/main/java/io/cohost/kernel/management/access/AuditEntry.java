package io.cohost.kernel.management.access;

import java.util.Objects;

/**
 * One state-changing admin action: who did what to which target, from where, when, and how it ended.
 *
 * @param at     ISO-8601 instant
 * @param who    {@code admin}, {@code token:NAME}, an OS user for local CLI commands, or {@code anonymous}
 * @param via    {@code ui} (browser session), {@code api} (bearer token) or {@code cli} (local command)
 * @param from   the client's address
 * @param action what was asked: {@code deploy}, {@code stop}, {@code set-quota}, {@code login}, ...
 * @param target the app or token it was asked of; empty if none
 * @param result {@code ok}, {@code failed}, {@code denied} or {@code rate-limited}
 * @param detail the error, or what changed; empty if nothing to add
 */
public record AuditEntry(String at, String who, String via, String from, String action, String target,
        String result, String detail) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String DENIED = "denied";
    public static final String RATE_LIMITED = "rate-limited";

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        who = who == null ? "anonymous" : who;
        via = via == null ? "" : via;
        from = from == null ? "" : from;
        target = target == null ? "" : target;
        result = result == null ? "" : result;
        detail = detail == null ? "" : detail;
    }
}
