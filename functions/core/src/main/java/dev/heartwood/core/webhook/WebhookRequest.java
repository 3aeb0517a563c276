package dev.heartwood.core.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as it reached the webhook function, transport-neutral. {@code body} holds the
 * raw bytes the client sent (already base64-decoded when API Gateway encoded them), which is what
 * a signature is computed over. Header names are stored lower-cased, and lookup ignores case.
 */
public record WebhookRequest(String method, String rawPath, Map<String, String> pathParameters,
        Map<String, String> headers, byte[] body, boolean isBase64Encoded, String requestId) {

    public WebhookRequest {
        requireText(method, "method");
        requireText(rawPath, "rawPath");
        requireText(requestId, "requestId");
        pathParameters = Map.copyOf(Objects.requireNonNull(pathParameters, "pathParameters"));
        headers = lowerCased(Objects.requireNonNull(headers, "headers"));
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** The header's value, whatever case {@code name} or the sender used. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookRequest that
                && method.equals(that.method) && rawPath.equals(that.rawPath)
                && pathParameters.equals(that.pathParameters) && headers.equals(that.headers)
                && Arrays.equals(body, that.body) && isBase64Encoded == that.isBase64Encoded
                && requestId.equals(that.requestId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, rawPath, pathParameters, headers, Arrays.hashCode(body), isBase64Encoded, requestId);
    }

    /** Header values may carry signatures or tokens and the body is user content, so neither is printed. */
    @Override
    public String toString() {
        return "WebhookRequest[" + method + " " + rawPath + ", pathParameters=" + pathParameters
                + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes, isBase64Encoded="
                + isBase64Encoded + ", requestId=" + requestId + "]";
    }

    private static Map<String, String> lowerCased(Map<String, String> headers) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> {
            String key = Objects.requireNonNull(name, "header name").toLowerCase(Locale.ROOT);
            if (lower.putIfAbsent(key, Objects.requireNonNull(value, "header " + key)) != null) {
                throw new IllegalArgumentException("header " + key + " appears twice with different case");
            }
        });
        return Map.copyOf(lower);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
