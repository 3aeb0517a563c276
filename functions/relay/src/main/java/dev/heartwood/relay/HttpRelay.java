package dev.heartwood.relay;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.InboxPage;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Registration;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.relay.RelayRejectedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The relay over HTTP, speaking relay protocol v1 (docs/relay-protocol.md). A 4xx answer is a
 * refusal ({@link RelayRejectedException}); anything that leaves the outcome unknown (no
 * connection, a timeout, a 5xx, a reply that is not the protocol's) is a
 * {@link RelayUnavailableException}, which the outbox retries.
 */
public final class HttpRelay implements Relay {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Header fields the JDK client refuses to take from the caller. content-length and host it
     * derives itself from the body and the target URI, so they are dropped when the message's own
     * values agree; the hop-by-hop ones cannot be sent as given, so a message holding them is refused.
     */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final URI base;
    private final HttpClient client;
    private final Duration requestTimeout;

    /** @param base the relay's base URL, e.g. {@code https://relay.example}; a trailing slash is ignored */
    public HttpRelay(URI base) {
        this(base, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    HttpRelay(URI base, Duration connectTimeout, Duration requestTimeout) {
        this.base = normalise(base);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // Pinned to 1.1: on plain http the JDK would otherwise add h2c upgrade fields
                // (Connection, Upgrade, HTTP2-Settings), and post() promises to send the message's
                // fields and nothing of its own making beyond what HTTP/1.1 requires.
                .version(HttpClient.Version.HTTP_1_1)
                // Never follow redirects: a signed message covers its target URI, and a relay that
                // moved must be reconfigured, not silently re-targeted.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI base() {
        return base;
    }

    @Override
    public Challenge challenge(AgentId agent) {
        return send(request(agentUri(agent, "challenge")).POST(HttpRequest.BodyPublishers.noBody()),
                RelayJson::readChallenge);
    }

    @Override
    public Registration register(KeyLog log, Challenge challenge, byte[] proof) {
        return send(postJson(agentUri(log.agent(), "registration"), RelayJson.toJson(log, challenge, proof)),
                RelayJson::readRegistration);
    }

    @Override
    public Registration rotate(KeyLogEntry rotation) {
        return send(postJson(agentUri(rotation.agent(), "keys"), RelayJson.toJson(rotation)),
                RelayJson::readRegistration);
    }

    /**
     * Sends the signed request exactly as it is: its method, target URI, header fields and body.
     *
     * @throws IllegalArgumentException if its target is not under this relay's base, or it holds a
     *     header field the HTTP client cannot send as given
     */
    @Override
    public Receipt post(HttpMessage request) {
        return send(asSigned(request), RelayJson::readReceipt);
    }

    /**
     * Sends the signed read exactly as it is, like {@link #post}.
     *
     * @throws IllegalArgumentException if its target is not under this relay's base, or it holds a
     *     header field the HTTP client cannot send as given
     */
    @Override
    public InboxPage inbox(HttpMessage signedRead) {
        return send(asSigned(signedRead), RelayJson::readInboxPage);
    }

    @Override
    public Optional<List<Receipt>> receipts(AgentId agent) {
        HttpRequest request = request(agentUri(agent, "receipts")).GET().build();
        HttpResponse<byte[]> response = exchange(request);
        // Only a relay's own 404 (it carries an error reason) means "unknown agent"; a bare 404
        // page means the base URL points somewhere that is not a relay: an error, not "no receipts".
        if (response.statusCode() == 404 && RelayJson.errorReason(response.body()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(read(request, response, RelayJson::readReceipts));
    }

    /** The request as the agent signed it: its method, target URI, header fields and body, nothing of our own. */
    private HttpRequest.Builder asSigned(HttpMessage request) {
        requireUnderBase(request.targetUri());
        HttpRequest.BodyPublisher body = request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.targetUri()).timeout(requestTimeout)
                .method(request.method(), body);
        for (HttpMessage.Field field : request.fields()) {
            if (!RESTRICTED.contains(field.name())) {
                builder.header(field.name(), field.value());
            } else if (!derivedByClient(field, request)) {
                throw new IllegalArgumentException("header " + field.name() + ": " + field.value()
                        + " cannot be sent by the HTTP client as given; leave it out of the message");
            }
        }
        return builder;
    }

    private <T> T send(HttpRequest.Builder builder, Function<byte[], T> reader) {
        HttpRequest request = builder.build();
        return read(request, exchange(request), reader);
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RelayUnavailableException(describe(request) + ": relay unavailable ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayUnavailableException(describe(request) + ": interrupted while waiting for the relay", e);
        }
    }

    private static <T> T read(HttpRequest request, HttpResponse<byte[]> response, Function<byte[], T> reader) {
        int status = response.statusCode();
        // 408 and 429 are 4xx but say "not now", not "no": the outbox should retry them.
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new RelayRejectedException(RelayJson.errorReason(response.body())
                    .orElse(describe(request) + " was refused without a reason; is the base URL a relay?")
                    + " (HTTP " + status + ")");
        }
        if (status < 200 || status >= 300) {
            throw new RelayUnavailableException(describe(request) + ": relay answered HTTP " + status
                    + RelayJson.errorReason(response.body()).map(reason -> " (" + reason + ")").orElse(""));
        }
        try {
            return reader.apply(response.body());
        } catch (RelayJson.MalformedJsonException e) {
            throw new RelayUnavailableException(describe(request) + ": relay answered HTTP " + status
                    + " with a body that is not relay protocol v1: " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", RelayJson.CONTENT_TYPE);
    }

    private HttpRequest.Builder postJson(URI uri, byte[] body) {
        return request(uri).header("Content-Type", RelayJson.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private URI agentUri(AgentId agent, String endpoint) {
        return URI.create(base + "/v1/agents/" + agent.value() + "/" + endpoint);
    }

    private void requireUnderBase(URI target) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        boolean under = base.getScheme().equalsIgnoreCase(target.getScheme())
                && base.getRawAuthority().equalsIgnoreCase(target.getRawAuthority())
                && target.getRawPath() != null && target.getRawPath().startsWith(basePath + "/");
        if (!under) {
            throw new IllegalArgumentException("message target " + target + " is not under this relay's base " + base);
        }
    }

    private static boolean derivedByClient(HttpMessage.Field field, HttpMessage request) {
        return switch (field.name()) {
            case "content-length" -> field.value().equals(Integer.toString(request.body().length));
            case "host" -> field.value().equalsIgnoreCase(request.targetUri().getRawAuthority());
            default -> false;
        };
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri();
    }

    private static URI normalise(URI base) {
        Objects.requireNonNull(base, "base");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || base.getHost() == null
                || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("relay base URL '" + base + "' is not valid: expected http(s)://host[:port][/path]"
                    + " without query or fragment, e.g. https://relay.example");
        }
        return URI.create(base.toString().replaceAll("/+$", ""));
    }
}
