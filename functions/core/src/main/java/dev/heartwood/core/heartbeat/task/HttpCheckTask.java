package dev.heartwood.core.heartbeat.task;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** {@code http.check}: GETs a URL and records its status, so a change (up, down, moved) shows in the daily log. */
public final class HttpCheckTask implements TaskExecutor {

    private final HttpClient http;
    private final Duration timeout;

    public HttpCheckTask(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    @Override
    public String kind() {
        return "http.check";
    }

    @Override
    public Optional<String> prepare(TaskRun run) {
        return Optional.empty();
    }

    @Override
    public String perform(TaskRun run) {
        URI url;
        try {
            url = URI.create(run.argument().strip());
        } catch (IllegalArgumentException e) {
            throw new TaskFailedException("http.check " + run.task() + ": '" + run.argument() + "' is not a URL");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new TaskFailedException("http.check " + run.task() + ": only http(s) URLs can be checked, got " + url);
        }
        try {
            long start = System.nanoTime();
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            long millis = (System.nanoTime() - start) / 1_000_000;
            return url + " answered " + response.statusCode() + " in " + millis + " ms";
        } catch (IOException e) {
            throw new TaskFailedException("http.check " + url + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskFailedException("http.check " + url + " was interrupted");
        }
    }
}
