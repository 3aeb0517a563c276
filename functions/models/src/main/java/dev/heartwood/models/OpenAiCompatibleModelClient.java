package dev.heartwood.models;

import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelException;
import dev.heartwood.core.model.ModelException.Kind;
import dev.heartwood.core.model.ModelReply;
import dev.heartwood.core.model.ModelRequest;
import dev.heartwood.core.model.ModelSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model behind OpenAI's chat completions API: OpenAI itself, OpenRouter, Ollama, vLLM and the
 * other servers that copy it. Sends the API key as a bearer token when one is set (local servers
 * such as Ollama need none). Failures are {@link ModelException}s whose kind says whether to
 * retry; their messages quote the provider's reason and never the key.
 */
public final class OpenAiCompatibleModelClient implements ModelClient {

    /** Key-shaped words in provider messages: OpenAI echoes a masked key whose ends are real. */
    private static final Pattern KEY_LIKE = Pattern.compile("\\bsk-[^\\s\"',;]*");

    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final ModelSettings settings;
    private final HttpClient client;

    private OpenAiCompatibleModelClient(ModelSettings settings, String apiKey) {
        this.settings = settings;
        this.model = settings.model();
        this.apiKey = apiKey;
        this.endpoint = URI.create(settings.baseUrl() + "/chat/completions");
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // Never follow redirects: the bearer key must go to the configured host only, and a
                // moved API is a configuration to fix, not something to chase silently.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A client for {@code settings}, reading the key from the variable they name.
     *
     * @throws IllegalArgumentException if the settings are not for an OpenAI-compatible provider
     */
    public static OpenAiCompatibleModelClient from(ModelSettings settings, Map<String, String> env) {
        Objects.requireNonNull(settings, "settings");
        if (settings.provider() != ModelSettings.Provider.OPENAI) {
            throw new IllegalArgumentException(ModelSettings.PROVIDER + " is " + settings.provider().value()
                    + ": an OpenAI-compatible client needs " + ModelSettings.PROVIDER + "=openai");
        }
        return new OpenAiCompatibleModelClient(settings, settings.apiKey(env).orElse(null));
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(settings.requestTimeout())
                .header("Content-Type", ChatCompletionsJson.CONTENT_TYPE)
                .header("Accept", ChatCompletionsJson.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ChatCompletionsJson.request(model, request)));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<byte[]> response = exchange(builder.build());
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw refusal(response);
        }
        try {
            return ChatCompletionsJson.reply(response.body(), model);
        } catch (ChatCompletionsJson.MalformedReplyException e) {
            throw new ModelException(Kind.BAD_REPLY, where() + " answered HTTP " + status
                    + " with a body that is not a chat completion: " + redact(e.getMessage()), e);
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new ModelException(Kind.UNAVAILABLE, "cannot connect to " + where() + " within "
                    + settings.connectTimeout() + " (" + ModelSettings.CONNECT_TIMEOUT + "): unavailable, retry later", e);
        } catch (HttpTimeoutException e) {
            throw new ModelException(Kind.UNAVAILABLE, "no answer from " + where() + " within "
                    + settings.requestTimeout() + " (" + ModelSettings.TIMEOUT + "): unavailable, retry later", e);
        } catch (IOException e) {
            throw new ModelException(Kind.UNAVAILABLE, "cannot reach " + where() + ": unavailable ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + redact(e.getMessage())) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(Kind.UNAVAILABLE, "interrupted while waiting for " + where(), e);
        }
    }

    private ModelException refusal(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String reason = reason(response.body());
        String http = " (HTTP " + status + ")" + (reason.isEmpty() ? "" : ": " + reason);
        if (status == 401 || status == 403) {
            return new ModelException(Kind.ACCESS_DENIED, apiKey == null
                    ? where() + " needs an API key, and " + settings.apiKeyVariable() + " is not set" + http
                    : where() + " rejected the API key from " + settings.apiKeyVariable() + http);
        }
        if (status == 429) {
            String after = response.headers().firstValue("retry-after").map(s -> " after " + s + "s").orElse(" later");
            return new ModelException(Kind.RATE_LIMITED, where() + " is rate limiting this key" + http + "; retry" + after);
        }
        if (status == 408 || status >= 500) {
            return new ModelException(Kind.UNAVAILABLE, where() + " is unavailable" + http + "; retry later");
        }
        if (status >= 300 && status < 400) {
            return new ModelException(Kind.BAD_REQUEST, where() + " redirects to "
                    + response.headers().firstValue("location").orElse("another address") + " (HTTP " + status
                    + "): set " + ModelSettings.BASE_URL + " to the API's own address");
        }
        return new ModelException(Kind.BAD_REQUEST, where() + " refused the request" + http);
    }

    /** The provider's own words, shortened and with anything key-shaped removed. */
    private String reason(byte[] body) {
        String text = ChatCompletionsJson.errorMessage(body).orElseGet(() -> new String(body, StandardCharsets.UTF_8));
        return ChatCompletionsJson.quote(redact(text));
    }

    private String redact(String text) {
        String redacted = apiKey == null ? text : text.replace(apiKey, "[redacted]");
        return KEY_LIKE.matcher(redacted).replaceAll("[redacted]");
    }

    private String where() {
        return "OpenAI-compatible API at " + settings.baseUrl() + " (model " + model + ")";
    }

    /** Names where the key comes from, never the key. */
    @Override
    public String toString() {
        return "OpenAiCompatibleModelClient[" + endpoint + ", model=" + model + ", apiKey="
                + (apiKey == null ? "none (" + settings.apiKeyVariable() + " unset)" : "from " + settings.apiKeyVariable()) + "]";
    }
}
