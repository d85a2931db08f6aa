package io.cohost.agent.archfixture;

import io.cohost.governor.files.HandleKind;

/** Breaks the rule that the descriptor agent knows no other Cohost module; only the dependency test loads it. */
public final class AgentClassUsingTheGovernor {
    public static String tag() {
        return HandleKind.FILE.tag();
    }
}
