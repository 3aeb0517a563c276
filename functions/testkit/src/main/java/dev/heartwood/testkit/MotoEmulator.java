package dev.heartwood.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The {@code moto} mode: moto server for most services, DynamoDB Local for DynamoDB. */
final class MotoEmulator {

    static final Path LOG_DIR = Path.of("target", "emulators");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private MotoEmulator() {}

    static EmulatorSession start(Map<String, String> environment, TestkitSettings settings) {
        DynamoDbLocal.requireInstalled(settings.dynamoDbLocalDir());
        MotoInstallation moto = new MotoInstallation(
                cacheRoot(environment), settings.motoVersion(), "python3", LOG_DIR.resolve("moto-install.log"));
        moto.install();

        int[] ports = freePorts();
        String motoUrl = "http://127.0.0.1:" + ports[0];
        String dynamoDbUrl = "http://127.0.0.1:" + ports[1];
        EmulatorProcess motoServer = EmulatorProcess.start("moto server", List.of(
                moto.interpreter().toString(), moto.atomicServer().toString(),
                "-H", "127.0.0.1", "-p", Integer.toString(ports[0])), LOG_DIR.resolve("moto.log"));
        EmulatorProcess dynamoDb = null;
        try {
            dynamoDb = DynamoDbLocal.start(settings.dynamoDbLocalDir(), ports[1], LOG_DIR.resolve("dynamodb-local.log"));
            motoServer.awaitAnswer(HttpRequest.newBuilder(URI.create(motoUrl + "/moto-api/"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), START_TIMEOUT);
            dynamoDb.awaitAnswer(HttpRequest.newBuilder(URI.create(dynamoDbUrl + "/"))
                    .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.noBody()).build(), START_TIMEOUT);
        } catch (RuntimeException e) {
            if (dynamoDb != null) {
                dynamoDb.close();
            }
            motoServer.close();
            throw e;
        }
        AwsEmulator emulator = new AwsEmulator(
                Map.of(
                        "AWS_REGION", "us-east-1",
                        "AWS_ACCESS_KEY_ID", "test",
                        "AWS_SECRET_ACCESS_KEY", "test",
                        "AWS_ENDPOINT_URL", motoUrl,
                        "AWS_ENDPOINT_URL_DYNAMODB", dynamoDbUrl),
                "moto " + settings.motoVersion() + " at " + motoUrl
                        + " + DynamoDB Local " + settings.dynamoDbLocalVersion() + " at " + dynamoDbUrl);
        return EmulatorSession.of(emulator, motoServer, dynamoDb);
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}}; a relative XDG_CACHE_HOME is invalid by the spec and ignored. */
    static Path cacheRoot(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (EmulatorMode.isSet(xdg) && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return Path.of(System.getProperty("user.home"), ".cache");
    }

    /** Two distinct free ports; both sockets are held open together so they cannot coincide. */
    private static int[] freePorts() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket first = new ServerSocket(0, 1, loopback);
                ServerSocket second = new ServerSocket(0, 1, loopback)) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port for the emulators", e);
        }
    }
}
