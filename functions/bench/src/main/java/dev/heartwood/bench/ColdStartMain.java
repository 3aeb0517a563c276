package dev.heartwood.bench;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.identity.AgentId;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The child process of the cold-start bench: one heartbeat in a fresh JVM, then exit. Prints
 * {@code restored <nanoTime>} after priming (when asked to prime) and {@code done <nanoTime> <what>}
 * when the measured heartbeat has completed; System.nanoTime is one system-wide monotonic clock on
 * Linux, so the parent subtracts its own reading taken just before it started this process.
 *
 * <p>Usage: {@code ColdStartMain real|plain AGENT [PRIMER_AGENT]}, with the environment of
 * {@link BenchInstallation#childEnvironment()}.
 */
public final class ColdStartMain {

    private ColdStartMain() {
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        String mode = args[0];
        String agent = args[1];
        String primer = args.length > 2 ? args[2] : null;
        String what;
        if (mode.equals("real")) {
            BenchInstallation installation = BenchInstallation.attach(environment, List.of(), Clock.systemUTC());
            var heartbeat = installation.runHeartbeat();
            if (primer != null) {
                heartbeat.run(AgentId.of(primer));
                System.out.println("restored " + System.nanoTime());
            }
            what = HeartbeatBench.describe(heartbeat.run(AgentId.of(agent)));
        } else {
            // Only the client factory and a name: none of the stores, use cases or relay is loaded.
            PlainHeartbeat heartbeat = new PlainHeartbeat(new AwsClients(AwsSettings.fromEnvironment(environment)),
                    StoreNames.withPrefix(environment.get(BenchInstallation.PREFIX_VARIABLE)), Clock.systemUTC());
            if (primer != null) {
                heartbeat.run(primer);
                System.out.println("restored " + System.nanoTime());
            }
            what = heartbeat.run(agent);
        }
        System.out.println("done " + System.nanoTime() + " " + what);
        System.out.flush();
        // Exit at once: a Lambda invocation ends when the handler returns, not when the JVM winds down.
        System.exit(0);
    }
}
