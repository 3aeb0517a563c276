package dev.heartwood.local;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.relay.InboxPage;
import dev.heartwood.core.relay.RelayRejectedException;
import java.net.URI;

/** The page an inbox read asks for: {@code ?after={sequence}&limit={n}}, both optional (0 and 100). */
record InboxQuery(long after, int limit) {

    static InboxQuery parse(AgentId agent, URI target) {
        String after = null;
        String limit = null;
        String query = target.getRawQuery();
        for (String parameter : query == null || query.isEmpty() ? new String[0] : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            // Unknown parameters are ignored, as unknown body fields are; a known one given twice is ambiguous.
            if (name.equals("after")) {
                after = once(agent, name, after, value);
            } else if (name.equals("limit")) {
                limit = once(agent, name, limit, value);
            }
        }
        return new InboxQuery(after == null ? 0 : number(agent, "after", after, 0, Long.MAX_VALUE),
                limit == null ? InboxPage.MAX_LIMIT : (int) number(agent, "limit", limit, 1, InboxPage.MAX_LIMIT));
    }

    private static String once(AgentId agent, String name, String earlier, String value) {
        if (earlier != null) {
            throw new RelayRejectedException("agent " + agent + ": query " + name + " is not valid: given more than once");
        }
        return value;
    }

    private static long number(AgentId agent, String name, String value, long min, long max) {
        long parsed = value.matches("\\d{1,18}") ? Long.parseLong(value) : -1;
        if (parsed < min || parsed > max) {
            throw new RelayRejectedException("agent " + agent + ": query " + name + " '" + value + "' is not valid: expected"
                    + " a whole number " + (max == Long.MAX_VALUE ? "from " + min : "from " + min + " to " + max));
        }
        return parsed;
    }
}
