package io.cohost.kernel.state;

/** What the operator last asked of an app; after a restart of the host the app is brought back to it. */
public enum DesiredState {
    RUNNING,
    STOPPED
}
