package dev.heartwood.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.KeyConflictException;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.relay.RelayRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP exchange of relay protocol v1: route, parse, call the relay, answer. Every failure
 * becomes a JSON {@code {"error": reason}} with a status; stack traces go to the log only.
 */
final class RelayRequestHandler implements HttpHandler {

    static final int MAX_BODY_BYTES = 1 << 20;
    static final long DRAIN_LIMIT_BYTES = 16L << 20;
    private static final System.Logger LOG = System.getLogger(RelayRequestHandler.class.getName());
    private static final Pattern ROUTE = Pattern.compile("/v1/agents/([^/]+)/([a-z]+)");
    private static final Map<String, String> METHODS = Map.of(
            "challenge", "POST", "registration", "POST", "keys", "POST", "messages", "POST", "receipts", "GET",
            "inbox", "GET");

    /** A request refused before it reached the relay. */
    private static final class Refused extends RuntimeException {
        private final int status;
        private final String allow;

        Refused(int status, String reason, String allow) {
            super(reason);
            this.status = status;
            this.allow = allow;
        }
    }

    private record Response(int status, byte[] body) {
    }

    private final Relay relay;
    private final URI base;
    private final String basePath;

    /** @param base the public base URL (no trailing slash) clients sign their message targets under */
    RelayRequestHandler(Relay relay, URI base) {
        this.relay = relay;
        this.base = base;
        this.basePath = base.getRawPath() == null ? "" : base.getRawPath();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Response response;
            try {
                response = route(exchange);
            } catch (Refused refused) {
                if (refused.allow != null) {
                    exchange.getResponseHeaders().set("Allow", refused.allow);
                }
                response = error(refused.status, refused.getMessage());
            } catch (RelayJson.MalformedJsonException e) {
                response = error(400, e.getMessage());
            } catch (RelayRejectedException e) {
                response = error(RejectionStatus.of(e.getMessage()), e.getMessage());
            } catch (KeyConflictException e) {
                // The store's words may name files; the client only needs to know it lost a race.
                response = error(409, "another change to this agent was recorded at the same time; retry");
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "relay failed on " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getRawPath(), e);
                response = error(500, "internal error");
            }
            write(exchange, response);
        } finally {
            exchange.close();
        }
    }

    private Response route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Matcher route = path != null && path.startsWith(basePath + "/")
                ? ROUTE.matcher(path.substring(basePath.length())) : null;
        if (route == null || !route.matches() || !METHODS.containsKey(route.group(2))) {
            throw new Refused(404, "no such endpoint: " + path, null);
        }
        String endpoint = route.group(2);
        String method = METHODS.get(endpoint);
        if (!method.equals(exchange.getRequestMethod())) {
            throw new Refused(405, "method " + exchange.getRequestMethod() + " is not allowed on " + path
                    + "; use " + method, method);
        }
        AgentId agent = agent(route.group(1));
        byte[] body = body(exchange);
        return switch (endpoint) {
            case "challenge" -> ok(RelayJson.toJson(relay.challenge(agent)));
            case "registration" -> {
                RelayJson.RegistrationRequest request = RelayJson.readRegistrationRequest(agent, body);
                requireSameAgent("challenge.agentId", request.challenge().agent(), agent);
                yield ok(RelayJson.toJson(relay.register(request.log(), request.challenge(), request.proof())));
            }
            case "keys" -> {
                KeyLogEntry rotation = RelayJson.readKeyLogEntry(body);
                requireSameAgent("agentId", rotation.agent(), agent);
                yield ok(RelayJson.toJson(relay.rotate(rotation)));
            }
            case "messages" -> post(agent, message(exchange, path, body));
            case "inbox" -> ok(RelayJson.toJson(relay.inbox(message(exchange, path, body))));
            case "receipts" -> relay.receipts(agent).map(receipts -> ok(RelayJson.toJson(receipts)))
                    .orElseGet(() -> error(404, "agent " + agent + " is not registered"));
            default -> throw new IllegalStateException("route table and switch disagree on " + endpoint);
        };
    }

    /** 201 for a first delivery, 200 with the original receipt for a repeat. */
    private Response post(AgentId agent, HttpMessage message) {
        // The port does not say whether a receipt is new, so look first. Two racing copies of one
        // message may both be told 201; either way the body is the one original receipt.
        Optional<String> messageId = RelayJson.messageId(message.body());
        boolean seen = messageId.isPresent() && relay.receipts(agent).orElse(List.of()).stream()
                .map(Receipt::messageId).anyMatch(messageId.get()::equals);
        return new Response(seen ? 200 : 201, RelayJson.toJson(relay.post(message)));
    }

    /**
     * The request as the agent signed it (a message, or an inbox read): the target is the public base plus the path and query
     * received, so a signature over {@code @target-uri} verifies behind a TLS-terminating proxy.
     */
    private HttpMessage message(HttpExchange exchange, String path, byte[] body) {
        String query = exchange.getRequestURI().getRawQuery();
        URI target = URI.create(base.getScheme() + "://" + base.getRawAuthority() + path
                + (query == null ? "" : "?" + query));
        List<HttpMessage.Field> fields = new ArrayList<>();
        try {
            exchange.getRequestHeaders().forEach((name, values) ->
                    values.forEach(value -> fields.add(new HttpMessage.Field(name, value))));
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage(), null);
        }
        return HttpMessage.of(exchange.getRequestMethod(), target, fields, body);
    }

    private static AgentId agent(String segment) {
        try {
            return AgentId.of(segment);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "path agentId: " + e.getMessage(), null);
        }
    }

    private static void requireSameAgent(String field, AgentId given, AgentId path) {
        if (!given.equals(path)) {
            throw new Refused(400, "field " + field + ": " + given + " is not the agent the path names (" + path + ")",
                    null);
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > MAX_BODY_BYTES) {
            drain(exchange);
            throw tooLarge();
        }
        // Read one byte past the cap so a chunked body cannot slip by without a Content-Length.
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                drain(exchange);
                throw tooLarge();
            }
            return body;
        }
    }

    /**
     * Reads and drops what the client is still sending (up to a bound) before the 413 goes out: a
     * server that answers and closes mid-upload resets the connection, and the client never sees
     * the answer, only "connection reset". Beyond the bound the client may see that anyway.
     */
    private static void drain(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] sink = new byte[8192];
            long left = DRAIN_LIMIT_BYTES;
            for (int read = 0; left > 0 && read >= 0; left -= Math.max(read, 0)) {
                read = in.read(sink, 0, (int) Math.min(sink.length, left));
            }
        } catch (IOException hungUp) {
            // The client stopped sending: the 413 is still answered, if it is still listening.
            return;
        }
    }

    private static Refused tooLarge() {
        return new Refused(413, "request body is larger than " + MAX_BODY_BYTES + " bytes", null);
    }

    private static Response ok(byte[] body) {
        return new Response(200, body);
    }

    private static Response error(int status, String reason) {
        return new Response(status, RelayJson.error(reason));
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", RelayJson.CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }
}
