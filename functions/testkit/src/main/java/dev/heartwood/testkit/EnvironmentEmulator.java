package dev.heartwood.testkit;

import java.util.HashMap;
import java.util.Map;

/** The {@code env} mode: whatever AWS the process environment points at. */
final class EnvironmentEmulator {

    private EnvironmentEmulator() {}

    static AwsEmulator from(Map<String, String> environment) {
        Map<String, String> aws = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("AWS_")) {
                aws.put(name, value);
            }
        });
        // The AWS CLI reads AWS_DEFAULT_REGION, the SDKs AWS_REGION; shells often set only the former.
        if (!EmulatorMode.isSet(aws.get("AWS_REGION")) && EmulatorMode.isSet(aws.get("AWS_DEFAULT_REGION"))) {
            aws.put("AWS_REGION", aws.get("AWS_DEFAULT_REGION"));
        }
        String endpoint = aws.get(EmulatorMode.ENDPOINT);
        String where = EmulatorMode.isSet(endpoint)
                ? "the environment's endpoint " + endpoint
                : "real AWS from the environment (" + EmulatorMode.ENDPOINT + " is not set)";
        String region = aws.getOrDefault("AWS_REGION", "no AWS_REGION");
        return new AwsEmulator(aws, where + " (" + region + ")");
    }
}
