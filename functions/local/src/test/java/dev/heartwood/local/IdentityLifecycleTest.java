package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.RotateKey;
import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.RelayRejectedException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init and rotate on the embedded default's real adapters: key files, key log files, the loopback relay. */
class IdentityLifecycleTest {

    @TempDir
    Path dir;

    private final AgentId agent = AgentId.of("agent-7f3a");
    private FileKeyVault vault;
    private FileKeyLogStore keyLogs;
    private LoopbackRelay relay;

    @BeforeEach
    void setUp() {
        LocalHome home = LocalHome.at(dir);
        vault = new FileKeyVault(home, "pass"::toCharArray, 10, Clock.systemUTC());
        keyLogs = new FileKeyLogStore(home);
        relay = LoopbackRelay.in(home);
    }

    private InitAgent init() {
        return new InitAgent(vault, keyLogs, relay, Clock.systemUTC());
    }

    private RotateKey rotate() {
        return new RotateKey(vault, keyLogs, relay, Clock.systemUTC());
    }

    @Test
    void init_createsAKeyAGenesisAndARegistration() {
        InitAgent.Outcome outcome = init().run(agent);

        assertThat(outcome).isInstanceOf(InitAgent.Created.class);
        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(outcome.key());
        assertThat(keyLogs.read(agent).verify(outcome.key())).isInstanceOf(KeyLog.Valid.class);
        assertThat(outcome.registration().currentKey()).isEqualTo(outcome.key());
    }

    @Test
    void init_whenRunAgain_keepsTheIdentity() {
        InitAgent.Outcome first = init().run(agent);

        InitAgent.Outcome second = init().run(agent);

        assertThat(second).isInstanceOf(InitAgent.AlreadyInitialized.class);
        assertThat(second.key()).isEqualTo(first.key());
        assertThat(keyLogs.read(agent).entries()).hasSize(1);
    }

    @Test
    void init_whenCrashedBetweenVaultAndLog_writesTheMissingGenesis() {
        AgentKey key = AgentKey.generate();
        vault.create(agent, key);

        InitAgent.Outcome outcome = init().run(agent);

        assertThat(outcome.key()).isEqualTo(key.publicKey());
        assertThat(keyLogs.read(agent).genesisKey()).contains(key.publicKey());
    }

    @Test
    void rotate_movesTheVaultTheLogAndTheRelayToTheNewKey() {
        InitAgent.Outcome initial = init().run(agent);

        RotateKey.Rotated rotated = rotate().run(agent);

        assertThat(rotated.from()).isEqualTo(initial.key());
        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(rotated.to());
        assertThat(keyLogs.read(agent).verify(initial.key())).isEqualTo(
                new KeyLog.Valid(java.util.Optional.of(rotated.to()), 2));
        assertThat(rotated.registration().currentKey()).isEqualTo(rotated.to());
        assertThat(rotated.registration().genesisKey()).isEqualTo(initial.key());
    }

    @Test
    void rotate_whenCrashedAfterTheVaultWrite_finishesWithTheSameNewKey() {
        InitAgent.Outcome initial = init().run(agent);
        AgentKey next = AgentKey.generate();
        vault.rotate(agent, initial.key(), next);  // the crash: vault written, log and relay not

        RotateKey.Rotated rotated = rotate().run(agent);

        assertThat(rotated.resumed()).isTrue();
        assertThat(rotated.to()).isEqualTo(next.publicKey());
        assertThat(rotated.registration().currentKey()).isEqualTo(next.publicKey());
        assertThat(keyLogs.read(agent).verify(initial.key()))
                .isEqualTo(new KeyLog.Valid(java.util.Optional.of(next.publicKey()), 2));
    }

    @Test
    void init_afterRotation_reRegistersWithTheCurrentKey() {
        init().run(agent);
        RotateKey.Rotated rotated = rotate().run(agent);

        InitAgent.Outcome again = init().run(agent);

        assertThat(again.key()).isEqualTo(rotated.to());
        assertThat(again.registration().currentKey()).isEqualTo(rotated.to());
    }

    @Test
    void register_whenAnotherGenesisClaimsTheAgent_isRefused() {
        init().run(agent);
        AgentKey impostor = AgentKey.generate();
        KeyLog forged = KeyLog.empty(agent).append(KeyLog.genesis(agent, impostor, java.time.Instant.now()));
        Challenge challenge = relay.challenge(agent);

        assertThatThrownBy(() -> relay.register(forged, challenge, impostor.sign(challenge.bytesToSign())))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("does not extend it");
    }

    @Test
    void register_whenProofIsByAnotherKey_isRefused() {
        AgentKey key = AgentKey.generate();
        KeyLog log = KeyLog.empty(agent).append(KeyLog.genesis(agent, key, java.time.Instant.now()));
        Challenge challenge = relay.challenge(agent);

        assertThatThrownBy(() -> relay.register(log, challenge, AgentKey.generate().sign(challenge.bytesToSign())))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("the proof is not a signature of the challenge");
    }

    @Test
    void register_whenChallengeWasNotIssued_isRefused() {
        AgentKey key = AgentKey.generate();
        KeyLog log = KeyLog.empty(agent).append(KeyLog.genesis(agent, key, java.time.Instant.now()));
        Challenge invented = new Challenge(agent, "AAAAAAAAAAAAAAAAAAAAAAAA", java.time.Instant.now().plusSeconds(60));

        assertThatThrownBy(() -> relay.register(log, invented, key.sign(invented.bytesToSign())))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("unknown or expired challenge");
    }

    @Test
    void rotate_whenVaultHoldsAKeyTheLogNeverSaw_refusesWithAClearReason() {
        init().run(agent);
        vault.delete(agent);
        vault.create(agent, AgentKey.generate());

        assertThatThrownBy(() -> rotate().run(agent))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("is not in the key log");
    }
}
