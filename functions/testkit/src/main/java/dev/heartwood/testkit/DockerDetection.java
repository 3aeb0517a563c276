package dev.heartwood.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/** Whether Floci can run, answered without a slow probe on machines that have no Docker at all. */
final class DockerDetection {

    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private DockerDetection() {}

    static boolean available(Map<String, String> environment) {
        // Testcontainers tries every strategy it knows, with timeouts and a log line each; only ask
        // it when an engine is plausibly there.
        boolean hinted = EmulatorMode.isSet(environment.get("DOCKER_HOST")) || Files.exists(DEFAULT_SOCKET);
        return hinted && DockerClientFactory.instance().isDockerAvailable();
    }
}
