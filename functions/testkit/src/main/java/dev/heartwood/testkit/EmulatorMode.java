package dev.heartwood.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Where the integration tests' AWS comes from. */
enum EmulatorMode {
    /** The environment's own endpoint and credentials: LocalStack, Floci, or a real account. */
    ENV,
    /** Floci in a Docker container. */
    FLOCI,
    /** moto server plus DynamoDB Local, both as local processes. */
    MOTO;

    static final String OVERRIDE = "HEARTWOOD_EMULATOR";
    static final String ENDPOINT = "AWS_ENDPOINT_URL";

    /**
     * Picks the mode for an environment. Docker is asked about last, and only when nothing else
     * decides, because asking can take seconds.
     */
    static EmulatorMode select(Map<String, String> environment, BooleanSupplier dockerAvailable) {
        String forced = environment.get(OVERRIDE);
        if (isSet(forced)) {
            return parse(forced);
        }
        if (isSet(environment.get(ENDPOINT))) {
            return ENV;
        }
        return dockerAvailable.getAsBoolean() ? FLOCI : MOTO;
    }

    /** Why this mode was chosen, to open a failure message that the user can act on. */
    String reason(Map<String, String> environment) {
        if (isSet(environment.get(OVERRIDE))) {
            return OVERRIDE + "=" + environment.get(OVERRIDE).strip();
        }
        return switch (this) {
            case ENV -> ENDPOINT + " is set";
            case FLOCI -> ENDPOINT + " is not set, Docker is available";
            case MOTO -> ENDPOINT + " is not set, Docker is not available";
        };
    }

    private static EmulatorMode parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "env" -> ENV;
            case "floci" -> FLOCI;
            case "moto" -> MOTO;
            default -> throw new IllegalArgumentException(
                    OVERRIDE + " must be env, floci or moto, but was '" + value + "'");
        };
    }

    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
