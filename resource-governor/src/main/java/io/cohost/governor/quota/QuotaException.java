package io.cohost.governor.quota;

/** The one exception of the governor module: a quota value or setting that is not valid, and why. */
public final class QuotaException extends IllegalArgumentException {
    public QuotaException(String message) {
        super(message);
    }
}
