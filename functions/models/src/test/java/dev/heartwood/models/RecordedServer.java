package dev.heartwood.models;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A provider stand-in on 127.0.0.1: answers every request with one recorded response from
 * src/test/resources and keeps the last request it received, so a test can assert both sides.
 */
final class RecordedServer implements AutoCloseable {

    record Received(String method, String path, Headers headers, String body) {
    }

    private final HttpServer server;
    private volatile Received last;

    private RecordedServer(int status, byte[] body, Map<String, String> headers, Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "recorded-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            last = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            sleep(delay);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static RecordedServer answering(int status, String resource) throws IOException {
        return answering(status, resource, Map.of());
    }

    static RecordedServer answering(int status, String resource, Map<String, String> headers) throws IOException {
        return new RecordedServer(status, resource(resource), headers, Duration.ZERO);
    }

    static RecordedServer answeringAfter(Duration delay, String resource) throws IOException {
        return new RecordedServer(200, resource(resource), Map.of(), delay);
    }

    /** The base URL a client is configured with, e.g. {@code http://127.0.0.1:PORT/v1}. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    Received last() {
        return last;
    }

    static byte[] resource(String name) {
        try (InputStream in = RecordedServer.class.getResourceAsStream("/openai/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded response " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
