package dev.heartwood.core.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which model answers, read from the environment. Holds the <em>name</em> of the variable that
 * carries the API key, never the key: the key is read at the moment a client is built
 * ({@link #apiKey(Map)}), so these settings can be logged as they are.
 *
 * @param model          the model id as the provider spells it; empty when the provider is {@link Provider#NONE}
 * @param baseUrl        where an OpenAI-compatible API is served, without a trailing slash; unused by Bedrock
 * @param apiKeyVariable the variable holding the OpenAI-compatible API key; unused by Bedrock, which signs with AWS credentials
 */
public record ModelSettings(
        Provider provider,
        String model,
        URI baseUrl,
        String apiKeyVariable,
        Duration connectTimeout,
        Duration requestTimeout) {

    public static final String PROVIDER = "HEARTWOOD_MODEL_PROVIDER";
    public static final String MODEL = "HEARTWOOD_MODEL";
    public static final String BASE_URL = "HEARTWOOD_MODEL_BASE_URL";
    public static final String API_KEY_VARIABLE = "HEARTWOOD_MODEL_API_KEY_VARIABLE";
    public static final String TIMEOUT = "HEARTWOOD_MODEL_TIMEOUT";
    public static final String CONNECT_TIMEOUT = "HEARTWOOD_MODEL_CONNECT_TIMEOUT";

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");
    public static final String DEFAULT_API_KEY_VARIABLE = "OPENAI_API_KEY";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Long generations take tens of seconds; a minute covers them while staying inside a Lambda's budget. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

    /** Who serves the model. */
    public enum Provider {
        /** No model: {@link ModelClient#none()}. */
        NONE("none"),
        /** Amazon Bedrock's Converse API, with the AWS credentials and region in use. */
        BEDROCK("bedrock"),
        /** Any API speaking OpenAI's chat completions: OpenAI, OpenRouter, Ollama, vLLM. */
        OPENAI("openai");

        private final String value;

        Provider(String value) {
            this.value = value;
        }

        /** How the provider is written in {@value ModelSettings#PROVIDER}. */
        public String value() {
            return value;
        }
    }

    public ModelSettings {
        Objects.requireNonNull(provider, "provider");
        model = model == null ? "" : model.strip();
        if (provider != Provider.NONE && model.isEmpty()) {
            throw new IllegalArgumentException(MODEL + " is not set: " + PROVIDER + "=" + provider.value()
                    + " needs a model id, e.g. " + example(provider));
        }
        if (model.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(MODEL + " '" + model + "' is not a model id: it contains whitespace");
        }
        baseUrl = baseUrl(BASE_URL, Objects.requireNonNull(baseUrl, "baseUrl").toString());
        // The value is never echoed: a key pasted here by mistake must not end up in a log.
        if (apiKeyVariable == null || !VARIABLE_NAME.matcher(apiKeyVariable).matches()) {
            throw new IllegalArgumentException(API_KEY_VARIABLE + " must be the name of the variable that holds the API key"
                    + " (letters, digits, underscores, e.g. OPENROUTER_API_KEY), not the key itself");
        }
        requirePositive(connectTimeout, CONNECT_TIMEOUT);
        requirePositive(requestTimeout, TIMEOUT);
    }

    /**
     * Reads {@value #PROVIDER}, {@value #MODEL}, {@value #BASE_URL}, {@value #API_KEY_VARIABLE},
     * {@value #TIMEOUT} and {@value #CONNECT_TIMEOUT}. No provider means no model.
     *
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    public static ModelSettings fromEnvironment(Map<String, String> env) {
        Provider provider = provider(env);
        String model = blankToNull(env.get(MODEL));
        if (provider == Provider.NONE && model != null) {
            // Most likely a half-finished configuration: failing now beats a silent "no model" later.
            throw new IllegalArgumentException(MODEL + " is set but " + PROVIDER + " is not: set it to bedrock or openai");
        }
        String baseUrl = blankToNull(env.get(BASE_URL));
        String keyVariable = blankToNull(env.get(API_KEY_VARIABLE));
        return new ModelSettings(
                provider,
                model,
                baseUrl == null ? DEFAULT_BASE_URL : baseUrl(BASE_URL, baseUrl),
                keyVariable == null ? DEFAULT_API_KEY_VARIABLE : keyVariable.strip(),
                duration(env, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                duration(env, TIMEOUT, DEFAULT_TIMEOUT));
    }

    /** No model configured. */
    public static ModelSettings none() {
        return new ModelSettings(Provider.NONE, "", DEFAULT_BASE_URL, DEFAULT_API_KEY_VARIABLE,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT);
    }

    /** The API key from {@link #apiKeyVariable()}; empty when it is unset or blank, as local servers like Ollama need none. */
    public Optional<String> apiKey(Map<String, String> env) {
        return Optional.ofNullable(blankToNull(env.get(apiKeyVariable))).map(String::strip);
    }

    private static Provider provider(Map<String, String> env) {
        String value = blankToNull(env.get(PROVIDER));
        if (value == null) {
            return Provider.NONE;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> Provider.NONE;
            case "bedrock" -> Provider.BEDROCK;
            case "openai", "openai-compatible" -> Provider.OPENAI;
            default -> throw new IllegalArgumentException(PROVIDER + " '" + value + "' is not a provider: expected"
                    + " bedrock, openai (any OpenAI-compatible API: OpenAI, OpenRouter, Ollama, vLLM) or none");
        };
    }

    private static URI baseUrl(String variable, String value) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return URI.create(uri.toString().replaceAll("/+$", ""));
            }
        } catch (URISyntaxException e) {
            // falls through to the message below, which says what a valid value looks like
        }
        throw new IllegalArgumentException(variable + " '" + value + "' is not a base URL: expected http(s)://host[:port][/path]"
                + " without query or credentials, e.g. https://api.openai.com/v1 or http://localhost:11434/v1");
    }

    private static Duration duration(Map<String, String> env, String variable, Duration fallback) {
        String value = blankToNull(env.get(variable));
        if (value == null) {
            return fallback;
        }
        Matcher shortForm = SHORT_DURATION.matcher(value.strip());
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            String unit = shortForm.group(2) == null ? "s" : shortForm.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(variable + " '" + value + "' is not a duration: expected e.g. 60s, 500ms, 2m or PT60S");
        }
    }

    private static void requirePositive(Duration duration, String variable) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(variable + " must be a positive duration, got " + duration);
        }
    }

    private static String example(Provider provider) {
        return provider == Provider.BEDROCK ? "anthropic.claude-3-5-haiku-20241022-v1:0" : "gpt-4o-mini";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
