package dev.heartwood.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KeyVault} promises, proven once per adapter: a subclass supplies a
 * fresh, empty vault (and, for shared emulators, agent ids nobody else uses).
 */
public abstract class KeyVaultContract {

    protected KeyVault vault;
    private AgentId agent;
    private AgentId other;

    /** A vault that holds no key for the agents {@link #newAgent()} returns. */
    protected abstract KeyVault newVault();

    /** An agent id unused in the vault; emulator-backed tests make it unique per run. */
    protected AgentId newAgent() {
        return AgentId.of("agent-" + Integer.toUnsignedString(new SecureRandom().nextInt(), 36));
    }

    @BeforeEach
    void setUpVault() {
        vault = newVault();
        agent = newAgent();
        other = newAgent();
    }

    @Test
    void current_whenNothingStored_isEmpty() {
        assertThat(vault.current(agent)).isEmpty();
        assertThat(vault.previous(agent)).isEmpty();
    }

    @Test
    void create_thenCurrent_returnsAKeyThatSignsAsTheOriginal() {
        AgentKey key = AgentKey.generate();

        vault.create(agent, key);
        AgentKey loaded = vault.current(agent).orElseThrow();

        assertThat(loaded.publicKey()).isEqualTo(key.publicKey());
        byte[] message = "same identity".getBytes();
        assertThat(key.publicKey().verifies(message, loaded.sign(message))).isTrue();
    }

    @Test
    void create_whenAKeyExists_refusesAndKeepsTheFirst() {
        AgentKey first = AgentKey.generate();
        vault.create(agent, first);

        assertThatThrownBy(() -> vault.create(agent, AgentKey.generate()))
                .isInstanceOf(KeyConflictException.class)
                .hasMessageContaining(agent.value());
        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void rotate_makesTheNewKeyCurrentAndKeepsTheOldAsPrevious() {
        AgentKey old = AgentKey.generate();
        AgentKey next = AgentKey.generate();
        vault.create(agent, old);

        vault.rotate(agent, old.publicKey(), next);

        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(next.publicKey());
        assertThat(vault.previous(agent).orElseThrow().publicKey()).isEqualTo(old.publicKey());
    }

    @Test
    void rotate_twice_keepsOnlyTheLastReplacedKeyAsPrevious() {
        AgentKey first = AgentKey.generate();
        AgentKey second = AgentKey.generate();
        AgentKey third = AgentKey.generate();
        vault.create(agent, first);
        vault.rotate(agent, first.publicKey(), second);

        vault.rotate(agent, second.publicKey(), third);

        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(third.publicKey());
        assertThat(vault.previous(agent).orElseThrow().publicKey()).isEqualTo(second.publicKey());
    }

    @Test
    void rotate_whenExpectedCurrentIsStale_refusesAndChangesNothing() {
        AgentKey current = AgentKey.generate();
        vault.create(agent, current);

        assertThatThrownBy(() -> vault.rotate(agent, AgentKey.generate().publicKey(), AgentKey.generate()))
                .isInstanceOf(KeyConflictException.class);
        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(current.publicKey());
        assertThat(vault.previous(agent)).isEmpty();
    }

    @Test
    void rotate_whenAgentUnknown_saysSo() {
        assertThatThrownBy(() -> vault.rotate(agent, AgentKey.generate().publicKey(), AgentKey.generate()))
                .isInstanceOf(UnknownAgentException.class)
                .hasMessageContaining(agent.value());
    }

    @Test
    void agents_areIsolated() {
        AgentKey mine = AgentKey.generate();
        AgentKey theirs = AgentKey.generate();

        vault.create(agent, mine);
        vault.create(other, theirs);

        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(mine.publicKey());
        assertThat(vault.current(other).orElseThrow().publicKey()).isEqualTo(theirs.publicKey());
    }

    @Test
    void delete_removesEveryKeyOfTheAgentOnly() {
        AgentKey first = AgentKey.generate();
        vault.create(agent, first);
        vault.rotate(agent, first.publicKey(), AgentKey.generate());
        vault.create(other, AgentKey.generate());

        vault.delete(agent);
        vault.delete(agent);

        assertThat(vault.current(agent)).isEmpty();
        assertThat(vault.previous(agent)).isEmpty();
        assertThat(vault.current(other)).isPresent();
    }

    @Test
    void create_afterDelete_startsAFreshIdentity() {
        vault.create(agent, AgentKey.generate());
        vault.delete(agent);
        AgentKey fresh = AgentKey.generate();

        vault.create(agent, fresh);

        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(fresh.publicKey());
    }
}
