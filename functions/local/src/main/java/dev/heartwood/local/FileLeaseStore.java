package dev.heartwood.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.heartbeat.Lease;
import dev.heartwood.core.heartbeat.LeaseStore;
import dev.heartwood.core.identity.AgentId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases as files: {@code control/{agent}/lease.json} holds owner, fencing token and expiry, and
 * is read and replaced only while holding the OS lock on {@code control/{agent}/lease.lock}, so a
 * CLI run, a local scheduler and a test in other processes take turns. The file is never deleted,
 * and a release only expires it: the token in it is what keeps tokens growing, across processes
 * and restarts. It is forced to disk before the lock is let go for the same reason.
 */
public final class FileLeaseStore implements LeaseStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path control;
    private final Clock clock;

    public FileLeaseStore(LocalHome home, Clock clock) {
        this.control = home.store(StoreRole.CONTROL_TABLE);
        this.clock = clock;
    }

    @Override
    public Optional<Lease> acquire(AgentId agent, String owner, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, got " + ttl);
        }
        Path file = file(agent);
        try {
            return LockFile.holding(lock(agent), () -> {
                Optional<Lease> held = read(agent, file);
                Instant now = clock.instant();
                if (held.isPresent() && !held.get().expiresAt().isBefore(now)) {
                    return Optional.empty();
                }
                Lease lease = new Lease(agent, owner, held.map(h -> h.fencingToken() + 1).orElse(1L), now.plus(ttl));
                AtomicFiles.write(file, json(lease));
                return Optional.of(lease);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the lease of agent " + agent + " in " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void release(Lease lease) {
        Path file = file(lease.agent());
        try {
            LockFile.holding(lock(lease.agent()), () -> {
                Optional<Lease> held = read(lease.agent(), file);
                if (held.isPresent() && held.get().fencingToken() == lease.fencingToken()) {
                    AtomicFiles.write(file, json(new Lease(lease.agent(), lease.owner(), lease.fencingToken(), Instant.EPOCH)));
                }
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lease of agent " + lease.agent() + " in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private Path file(AgentId agent) {
        return control.resolve(agent.value()).resolve("lease.json");
    }

    private Path lock(AgentId agent) {
        return control.resolve(agent.value()).resolve("lease.lock");
    }

    private static Optional<Lease> read(AgentId agent, Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            // A lease we cannot read must not be overwritten: its token would be lost, and with it fencing.
            return Optional.of(new Lease(agent, node.path("owner").asText(), node.path("fencingToken").asLong(0),
                    Instant.parse(node.path("expiresAt").asText())));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("lease file " + file + " is not a Heartwood lease (expected owner,"
                    + " fencingToken >= 1 and an ISO expiresAt); fix or remove it by hand", e);
        }
    }

    private static byte[] json(Lease lease) {
        return JSON.createObjectNode()
                .put("agent", lease.agent().value())
                .put("owner", lease.owner())
                .put("fencingToken", lease.fencingToken())
                .put("expiresAt", lease.expiresAt().toString())
                .toPrettyString().getBytes(StandardCharsets.UTF_8);
    }
}
