package dev.heartwood.cli;

import dev.heartwood.core.bootstrap.BootstrapStores;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.proof.Fault;
import dev.heartwood.core.proof.KillableHomes;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.local.DirectoryStoreProvisioner;
import dev.heartwood.local.LocalHome;
import dev.heartwood.local.LocalStores;
import dev.heartwood.local.LoopbackRelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embedded-default homes whose heartbeats run as {@code heartwood heartbeat AGENT} in processes of
 * their own, started from the same program as this one (the shipped jar, when run from it), with
 * a clean environment: the home, its passphrase, a short lease and, when armed, the halt hook.
 */
final class ProcessHomes implements KillableHomes {

    /** Short, so a killed heartbeat's lease is free again soon; still longer than a heartbeat takes. */
    static final Duration CHILD_LEASE = Duration.ofSeconds(2);
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);

    private final Path root;
    private final AtomicInteger opened = new AtomicInteger();

    ProcessHomes(Path root) {
        this.root = root;
    }

    @Override
    public Home open() {
        Path dir = root.resolve("home-" + opened.incrementAndGet());
        LocalHome home = LocalHome.at(dir.resolve("home"));
        var directories = new DirectoryStoreProvisioner(home);
        new BootstrapStores(directories, directories, directories).run(StorePlan.forInstallation(
                StoreNames.withPrefix(StoreNames.DEFAULT_PREFIX), StorePlan.DEFAULT_MAX_RECEIVE_COUNT), p -> { });
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String passphrase = HexFormat.of().formatHex(secret);
        AgentStores stores = LocalStores.in(home, passphrase::toCharArray, Clock.systemUTC());
        LoopbackRelay relay = LoopbackRelay.in(home);
        return new Home() {
            @Override
            public AgentStores stores() {
                return stores;
            }

            @Override
            public Relay relay() {
                return relay;
            }

            @Override
            public URI relayBase() {
                return relay.base();
            }

            @Override
            public List<String> deliveredBodies(AgentId agent) {
                return relay.deliveredBodies(agent);
            }

            @Override
            public ChildRun heartbeat(AgentId agent) {
                return child(dir, home, passphrase, agent, Optional.empty());
            }

            @Override
            public ChildRun heartbeat(AgentId agent, Fault haltAt) {
                return child(dir, home, passphrase, agent, Optional.of(haltAt));
            }

            @Override
            public Duration leaseTtl() {
                return CHILD_LEASE;
            }

            @Override
            public void close() {
                LocalStores.destroy(LocalHome.at(dir));
            }
        };
    }

    private static ChildRun child(Path dir, LocalHome home, String passphrase, AgentId agent, Optional<Fault> haltAt) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                HeartwoodCli.class.getName(), "--home", home.root().toString(), "heartbeat", agent.value()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("HOME", dir.resolve("user-home").toString());
        builder.environment().put("HEARTWOOD_PASSPHRASE", passphrase);
        builder.environment().put(RuntimeSettings.LEASE_TTL_VARIABLE, CHILD_LEASE.toMillis() + "ms");
        haltAt.ifPresent(fault -> builder.environment().put(CliRuntime.HALT_VARIABLE, fault.toString()));
        try {
            Path out = Files.createTempFile(dir, "child", ".out");
            Path err = Files.createTempFile(dir, "child", ".err");
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("heartwood heartbeat did not finish within " + CHILD_TIMEOUT);
            }
            ChildRun run = new ChildRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start heartwood heartbeat as a process of its own: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a heartbeat process ran", e);
        }
    }
}
