package dev.heartwood.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link KeyLogStore} promises, proven once per adapter. */
public abstract class KeyLogStoreContract {

    protected KeyLogStore store;
    private AgentId agent;

    protected abstract KeyLogStore newStore();

    protected AgentId newAgent() {
        return AgentId.of("agent-" + Integer.toUnsignedString(new SecureRandom().nextInt(), 36));
    }

    @BeforeEach
    void setUpStore() {
        store = newStore();
        agent = newAgent();
    }

    @Test
    void read_whenNothingStored_isEmpty() {
        assertThat(store.read(agent).entries()).isEmpty();
    }

    @Test
    void append_thenRead_returnsAVerifiableChainInOrder() {
        AgentKey first = AgentKey.generate();
        AgentKey second = AgentKey.generate();
        KeyLog log = KeyLog.empty(agent).append(KeyLog.genesis(agent, first, Instant.parse("2026-11-22T09:00:00Z")));
        KeyLogEntry rotation = log.rotation(first, second, Instant.parse("2026-11-22T10:00:00Z"));

        store.append(log.entries().get(0));
        store.append(rotation);
        KeyLog read = store.read(agent);

        assertThat(read.entries()).containsExactly(log.entries().get(0), rotation);
        assertThat(read.verify(first.publicKey())).isEqualTo(new KeyLog.Valid(java.util.Optional.of(second.publicKey()), 2));
    }

    @Test
    void append_whenSequenceIsTaken_refusesAndKeepsTheFirst() {
        AgentKey first = AgentKey.generate();
        KeyLogEntry genesis = KeyLog.genesis(agent, first, Instant.parse("2026-11-22T09:00:00Z"));
        store.append(genesis);

        assertThatThrownBy(() -> store.append(KeyLog.genesis(agent, AgentKey.generate(), Instant.now())))
                .isInstanceOf(KeyConflictException.class)
                .hasMessageContaining(agent.value());
        assertThat(store.read(agent).entries()).containsExactly(genesis);
    }

    @Test
    void delete_removesTheAgentsLogOnly() {
        AgentId other = newAgent();
        store.append(KeyLog.genesis(agent, AgentKey.generate(), Instant.now()));
        store.append(KeyLog.genesis(other, AgentKey.generate(), Instant.now()));

        store.delete(agent);

        assertThat(store.read(agent).entries()).isEmpty();
        assertThat(store.read(other).entries()).hasSize(1);
    }
}
