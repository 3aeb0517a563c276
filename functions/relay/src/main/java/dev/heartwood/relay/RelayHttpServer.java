package dev.heartwood.relay;

import com.sun.net.httpserver.HttpServer;
import dev.heartwood.core.relay.Relay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves any {@link Relay} over relay protocol v1 (docs/relay-protocol.md) with the JDK's HTTP
 * server: plain HTTP, meant to sit behind a TLS-terminating proxy whose URL is the public base.
 *
 * <p>Binding and starting are separate steps because a relay may need to know its own base URL
 * before it exists ({@code LoopbackRelay} checks every message's target against it), and with
 * port 0 that URL is known only once the socket is bound:
 * <pre>{@code
 * try (RelayHttpServer server = RelayHttpServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
 *     server.start(new LoopbackRelay(dir, server.baseUri(), clock));
 * }
 * }</pre>
 */
public final class RelayHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final URI base;
    private ExecutorService executor;
    private boolean closed;

    private RelayHttpServer(HttpServer server, URI base) {
        this.server = server;
        this.base = base;
    }

    /**
     * Binds the address; the public base is {@code http://} that address and the bound port (the
     * loopback address when bound to all interfaces).
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static RelayHttpServer bind(InetSocketAddress address) {
        HttpServer server = create(address);
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
        try {
            return new RelayHttpServer(server, new URI("http", null, host, bound.getPort(), null, null, null));
        } catch (URISyntaxException e) {
            server.stop(0);
            throw new IllegalStateException("a bound address always makes a URI: " + bound, e);
        }
    }

    /**
     * Binds the address and serves under {@code publicBase}, the URL clients use (through a proxy).
     * Clients sign their message targets under it, so it must be exactly what they are given; the
     * proxy must pass the path through unchanged.
     *
     * @throws IllegalArgumentException if publicBase is not an http(s) URL without query or fragment
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static RelayHttpServer bind(InetSocketAddress address, URI publicBase) {
        URI base = publicBase(publicBase);
        return new RelayHttpServer(create(address), base);
    }

    /** The public base URL, without a trailing slash: what an {@code HttpRelay} is given. */
    public URI baseUri() {
        return base;
    }

    /** The socket address actually bound: with port 0, the port the system chose. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Starts answering requests with {@code relay}.
     *
     * @throws IllegalStateException if already started or closed
     */
    public synchronized RelayHttpServer start(Relay relay) {
        Objects.requireNonNull(relay, "relay");
        if (closed || executor != null) {
            throw new IllegalStateException("relay server at " + base + " was already " + (closed ? "closed" : "started"));
        }
        // A virtual thread per exchange: a slow client uploading a body holds no platform thread.
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", new RelayRequestHandler(relay, base));
        server.start();
        return this;
    }

    /**
     * Stops at once. An exchange still running finishes its relay call (it is not interrupted, so
     * a ledger write is never torn) but may lose its connection; the client sees the relay as
     * unavailable and retries, which is safe because every effect is keyed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        if (executor != null) {
            executor.shutdown();
        }
    }

    private static HttpServer create(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        try {
            return HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the relay server to " + address + ": " + e.getMessage(), e);
        }
    }

    private static URI publicBase(URI base) {
        Objects.requireNonNull(base, "publicBase");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null
                || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("public base URL '" + base + "' is not valid: expected"
                    + " http(s)://host[:port][/path] without query or fragment, e.g. https://relay.example");
        }
        return URI.create(base.toString().replaceAll("/+$", ""));
    }

    @Override
    public String toString() {
        return "RelayHttpServer[" + base + " on " + server.getAddress() + "]";
    }
}
