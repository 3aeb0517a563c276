package dev.heartwood.core.identity;

/** The store has no key, or no record, for this agent. */
public class UnknownAgentException extends IdentityException {

    public UnknownAgentException(AgentId agent, String where) {
        super("no key for agent " + agent + " in " + where + ": create one with `heartwood init " + agent + "`");
    }
}
