package dev.heartwood.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link AwsEmulator} parameters of test constructors and of {@code @BeforeAll},
 * {@code @BeforeEach} and {@code @Test} methods. Usually applied through
 * {@link AwsIntegrationTest}.
 *
 * <p>The endpoint is chosen and started once per test JVM, on first use, and stopped when the test
 * run ends:
 *
 * <ol>
 *   <li>{@code AWS_ENDPOINT_URL} is set: the environment is used as given (LocalStack, Floci, or a
 *       real account) and nothing is started.
 *   <li>Docker is available ({@code DOCKER_HOST} is set or {@code /var/run/docker.sock} exists, and
 *       Testcontainers can reach it): Floci runs in a container and serves every service.
 *   <li>Otherwise: moto server and DynamoDB Local run as local processes. moto is installed on first
 *       use into a Python venv under {@code ${XDG_CACHE_HOME:-~/.cache}/heartwood/moto-<version>}
 *       (needs {@code python3} with {@code venv}, and pip access to PyPI); DynamoDB Local runs in its
 *       own JVM from the copy that the testkit's build puts in its {@code target/dynamodb-local}.
 *       Their output goes to {@code target/emulators/} under the working directory.
 * </ol>
 *
 * <p>{@code HEARTWOOD_EMULATOR=env|floci|moto} forces one of these modes. If no emulator can be had,
 * every test that asks for one fails (it is not skipped) with a message that says what to install or
 * set.
 */
public final class AwsEmulatorExtension implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(AwsEmulatorExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsEmulator.class;
    }

    @Override
    public AwsEmulator resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root store lives for the whole run and closes AutoCloseable values at its end; its
        // computeIfAbsent runs the start once even when tests resolve parameters concurrently.
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(Startup.class, key -> Startup.attempt(System.getenv()), Startup.class)
                .emulator();
    }

    /** The outcome of the one start attempt per JVM, kept so a failure is not retried per test. */
    sealed interface Startup extends AutoCloseable {

        AwsEmulator emulator();

        @Override
        void close();

        static Startup attempt(Map<String, String> environment) {
            long startedAt = System.nanoTime();
            EmulatorMode mode;
            try {
                mode = EmulatorMode.select(environment, () -> DockerDetection.available(environment));
            } catch (IllegalArgumentException e) {
                return new Unavailable("No AWS emulator: " + e.getMessage(), null);
            }
            try {
                EmulatorSession session = switch (mode) {
                    case ENV -> EmulatorSession.of(EnvironmentEmulator.from(environment));
                    case FLOCI -> FlociEmulator.start();
                    case MOTO -> MotoEmulator.start(environment, TestkitSettings.load());
                };
                System.err.printf(Locale.ROOT, "heartwood-testkit: %s %s (%.1f s)%n",
                        mode == EmulatorMode.ENV ? "using" : "started",
                        session.emulator().description(),
                        Duration.ofNanos(System.nanoTime() - startedAt).toMillis() / 1000.0);
                return new Started(session);
            } catch (EmulatorUnavailableException e) {
                // Its message already says everything; repeating it as the cause would print it twice.
                return new Unavailable("No AWS emulator: " + mode.reason(environment) + ", and " + e.getMessage(), e.getCause());
            } catch (RuntimeException e) {
                return new Unavailable("No AWS emulator: " + mode.reason(environment) + ", and "
                        + mode.name().toLowerCase(Locale.ROOT) + " could not start: " + e, e);
            }
        }

        record Started(EmulatorSession session) implements Startup {
            @Override
            public AwsEmulator emulator() {
                return session.emulator();
            }

            @Override
            public void close() {
                session.close();
            }
        }

        record Unavailable(String message, Throwable cause) implements Startup {
            @Override
            public AwsEmulator emulator() {
                // A ParameterResolutionException fails the test; an abort would hide a broken setup.
                throw new ParameterResolutionException(message, cause);
            }

            @Override
            public void close() {
                // Nothing was started.
            }
        }
    }
}
