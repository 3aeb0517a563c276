package dev.heartwood.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** DynamoDB Local in a JVM of its own, so its old AWS SDK and Jetty never meet the test classpath. */
final class DynamoDbLocal {

    static final String MAIN_CLASS = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";

    private DynamoDbLocal() {}

    /** Fails before anything is started when the build did not put DynamoDB Local in place. */
    static void requireInstalled(Path lib) {
        if (!Files.isRegularFile(lib.resolve("DynamoDBLocal.jar"))) {
            throw new EmulatorUnavailableException("DynamoDB Local is not in " + lib
                    + ". Build heartwood-testkit first (./mvnw -pl functions/testkit -am package), which copies it there, or set AWS_ENDPOINT_URL.");
        }
    }

    static EmulatorProcess start(Path lib, int port, Path log) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return EmulatorProcess.start("DynamoDB Local", List.of(
                java.toString(),
                // It loads sqlite through System.load, which JDK 24+ warns about and will later refuse.
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.library.path=" + lib,
                "-Dsqlite4java.library.path=" + lib,
                "-cp", lib + File.separator + "*",
                MAIN_CLASS,
                "-inMemory",
                // Tests have no business phoning home, and many CI machines cannot.
                "-disableTelemetry",
                "-port", Integer.toString(port)), log);
    }
}
