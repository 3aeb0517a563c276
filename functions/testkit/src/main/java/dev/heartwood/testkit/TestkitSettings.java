package dev.heartwood.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the testkit's build wrote into {@code heartwood-testkit.properties}: the emulator versions
 * and where DynamoDB Local was copied.
 */
record TestkitSettings(Path dynamoDbLocalDir, String motoVersion, String dynamoDbLocalVersion) {

    static final String RESOURCE = "heartwood-testkit.properties";

    static TestkitSettings load() {
        Properties properties = new Properties();
        try (InputStream in = TestkitSettings.class.getResourceAsStream("/" + RESOURCE)) {
            if (in == null) {
                throw unusable(RESOURCE + " is not on the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new EmulatorUnavailableException(RESOURCE + " could not be read: " + e.getMessage(), e);
        }
        return new TestkitSettings(
                Path.of(required(properties, "dynamodb.local.dir")),
                required(properties, "moto.version"),
                required(properties, "dynamodb.local.version"));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        // An unfiltered copy (an IDE build that skipped Maven's resource filtering) still says ${...}.
        if (value == null || value.isBlank() || value.contains("${")) {
            throw unusable(RESOURCE + " has no usable " + key + " (found '" + value + "')");
        }
        return value.strip();
    }

    private static EmulatorUnavailableException unusable(String problem) {
        return new EmulatorUnavailableException(problem
                + ". Build heartwood-testkit with Maven (./mvnw -pl functions/testkit -am package), or set AWS_ENDPOINT_URL.");
    }
}
