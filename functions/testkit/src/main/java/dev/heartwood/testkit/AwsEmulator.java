package dev.heartwood.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The AWS-compatible endpoint a test runs against, shared by every test in the JVM.
 *
 * @param environment the standard AWS variables a client or a child process needs:
 *     {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
 *     {@code AWS_ENDPOINT_URL} and, where a service lives elsewhere, per-service overrides such as
 *     {@code AWS_ENDPOINT_URL_DYNAMODB}. Given to a child process with
 *     {@code processBuilder.environment().putAll(environment)}, variables it does not name are
 *     still inherited from the test JVM.
 * @param description what runs where, for humans, e.g. {@code "moto 5.2.5 at http://127.0.0.1:41234
 *     + DynamoDB Local 2.6.1 at http://127.0.0.1:41235"}
 */
public record AwsEmulator(Map<String, String> environment, String description) {

    private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PREFIX_RANDOM_CHARS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    public AwsEmulator {
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        Objects.requireNonNull(description, "description");
    }

    /**
     * A fresh prefix for resource names, such as {@code it-k3x9a0qz}, so tests sharing one emulator
     * never collide. It is lower-case letters, digits and single hyphens, starts and ends with a
     * letter or digit and is far below every AWS name limit, so it is valid at the front of a bucket,
     * table, queue or function name: append {@code "-" + purpose}.
     *
     * @return {@code it-} and eight random characters from {@code [a-z0-9]}; a new one on each call
     */
    public String uniquePrefix() {
        StringBuilder prefix = new StringBuilder("it-");
        for (int i = 0; i < PREFIX_RANDOM_CHARS; i++) {
            prefix.append(PREFIX_ALPHABET.charAt(RANDOM.nextInt(PREFIX_ALPHABET.length())));
        }
        return prefix.toString();
    }

    /**
     * The same region and credentials with every endpoint on a loopback port nothing listens on,
     * for testing what a user sees when AWS cannot be reached. The port was free a moment ago;
     * nothing in the test run binds ports by number, so it stays closed.
     */
    public AwsEmulator unreachable() {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
        String nowhere = "http://127.0.0.1:" + closedPort;
        Map<String, String> env = new HashMap<>(environment);
        env.keySet().removeIf(name -> name.startsWith("AWS_ENDPOINT_URL"));
        env.put("AWS_ENDPOINT_URL", nowhere);
        return new AwsEmulator(env, "nothing listening at " + nowhere);
    }

    /** Names the endpoint only: in the {@code env} mode the environment holds real credentials. */
    @Override
    public String toString() {
        return "AwsEmulator[" + description + "]";
    }
}
