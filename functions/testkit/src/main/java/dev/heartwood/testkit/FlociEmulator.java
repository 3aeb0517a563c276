package dev.heartwood.testkit;

import io.floci.testcontainers.FlociContainer;
import java.util.Map;

/** The {@code floci} mode: one Floci container serves every service on one endpoint. */
final class FlociEmulator {

    /** Pinned so a run is reproducible; the newest Floci release when testcontainers-floci 2.6.0 came out. */
    static final String IMAGE = "floci/floci:1.5.14";

    private FlociEmulator() {}

    static EmulatorSession start() {
        FlociContainer floci = new FlociContainer(IMAGE);
        try {
            floci.start();
        } catch (RuntimeException e) {
            floci.stop();
            throw e;
        }
        String endpoint = floci.getEndpoint();
        AwsEmulator emulator = new AwsEmulator(
                Map.of(
                        "AWS_REGION", floci.getRegion(),
                        "AWS_ACCESS_KEY_ID", floci.getAccessKey(),
                        "AWS_SECRET_ACCESS_KEY", floci.getSecretKey(),
                        "AWS_ENDPOINT_URL", endpoint),
                "Floci " + IMAGE + " at " + endpoint);
        return EmulatorSession.of(emulator, floci::stop);
    }
}
