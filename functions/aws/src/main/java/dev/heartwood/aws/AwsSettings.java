package dev.heartwood.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How to reach AWS: region, credentials, endpoint overrides and timeouts, read from the standard
 * AWS variables so the same settings work against a real account, LocalStack, Floci or moto.
 *
 * @param apiCallTimeout        the longest one SDK call may take, retries included; keep it below the function timeout
 * @param apiCallAttemptTimeout the longest one HTTP attempt may take before it is retried
 */
public record AwsSettings(
        Region region,
        AwsCredentialsProvider credentials,
        Map<AwsService, URI> endpoints,
        Duration apiCallTimeout,
        Duration apiCallAttemptTimeout) {

    static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String CALL_TIMEOUT = "HEARTWOOD_AWS_CALL_TIMEOUT";
    public static final String ATTEMPT_TIMEOUT = "HEARTWOOD_AWS_ATTEMPT_TIMEOUT";
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        endpoints = endpoints.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(endpoints));
        requirePositive(apiCallTimeout, CALL_TIMEOUT);
        requirePositive(apiCallAttemptTimeout, ATTEMPT_TIMEOUT);
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException(ATTEMPT_TIMEOUT + " (" + apiCallAttemptTimeout + ") is longer than "
                    + CALL_TIMEOUT + " (" + apiCallTimeout + "): one attempt cannot outlast the whole call");
        }
    }

    /**
     * Reads {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}), {@code AWS_ENDPOINT_URL} and
     * {@code AWS_ENDPOINT_URL_<SERVICE>}, the timeouts, and static keys when
     * {@code AWS_ACCESS_KEY_ID} is set; otherwise credentials come from the SDK's default chain
     * (profile, container or instance role).
     *
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    public static AwsSettings fromEnvironment(Map<String, String> env) {
        return new AwsSettings(
                region(env),
                credentials(env),
                endpoints(env),
                duration(env, CALL_TIMEOUT, DEFAULT_CALL_TIMEOUT),
                duration(env, ATTEMPT_TIMEOUT, DEFAULT_ATTEMPT_TIMEOUT));
    }

    public Optional<URI> endpoint(AwsService service) {
        return Optional.ofNullable(endpoints.get(service));
    }

    /** Where a service is reached, for messages: the override, or the public endpoint of the region. */
    public String describeEndpoint(AwsService service) {
        return endpoint(service).map(URI::toString).orElse("the " + region.id() + " endpoint");
    }

    private static Region region(Map<String, String> env) {
        String region = firstSet(env, "AWS_REGION", "AWS_DEFAULT_REGION");
        if (region == null) {
            throw new IllegalArgumentException("AWS_REGION is not set: set it to the region of your stores, e.g. AWS_REGION=eu-west-1");
        }
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+|local")) {
            throw new IllegalArgumentException("AWS_REGION '" + region + "' is not a region name: expected something like eu-west-1");
        }
        return Region.of(region);
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String keyId = blankToNull(env.get("AWS_ACCESS_KEY_ID"));
        if (keyId == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        String secret = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
        if (secret == null) {
            throw new IllegalArgumentException("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither to use your profile");
        }
        String session = blankToNull(env.get("AWS_SESSION_TOKEN"));
        return StaticCredentialsProvider.create(session == null
                ? AwsBasicCredentials.create(keyId, secret)
                : AwsSessionCredentials.create(keyId, secret, session));
    }

    private static Map<AwsService, URI> endpoints(Map<String, String> env) {
        Map<AwsService, URI> endpoints = new EnumMap<>(AwsService.class);
        String shared = blankToNull(env.get(ENDPOINT_URL));
        for (AwsService service : AwsService.values()) {
            String own = blankToNull(env.get(service.endpointVariable()));
            if (own != null) {
                endpoints.put(service, url(service.endpointVariable(), own));
            } else if (shared != null) {
                endpoints.put(service, url(ENDPOINT_URL, shared));
            }
        }
        return endpoints;
    }

    private static URI url(String variable, String value) {
        try {
            URI uri = new URI(value.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // falls through to the message below, which says what a valid value looks like
        }
        throw new IllegalArgumentException(variable + " '" + value + "' is not an endpoint URL: expected http(s)://host[:port]");
    }

    static Duration duration(Map<String, String> env, String variable, Duration fallback) {
        String value = blankToNull(env.get(variable));
        if (value == null) {
            return fallback;
        }
        Matcher shortForm = SHORT_DURATION.matcher(value.trim());
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
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(variable + " '" + value + "' is not a duration: expected e.g. 20s, 500ms, 2m or PT20S");
        }
    }

    private static void requirePositive(Duration duration, String variable) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(variable + " must be a positive duration, got " + duration);
        }
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = blankToNull(env.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Names the credentials' source, never the keys. */
    @Override
    public String toString() {
        return "AwsSettings[region=" + region.id() + ", credentials=" + credentials.getClass().getSimpleName()
                + ", endpoints=" + endpoints + ", apiCallTimeout=" + apiCallTimeout
                + ", apiCallAttemptTimeout=" + apiCallAttemptTimeout + "]";
    }
}
