package dev.heartwood.core.recovery;

import static dev.heartwood.core.recovery.BackupFixtures.AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.KeyLog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedSignersTest {

    private static final Instant GENESIS = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant ROTATION = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant REVOCATION = Instant.parse("2027-01-01T00:00:00Z");

    private final AgentKey first = AgentKey.generate();
    private final AgentKey second = AgentKey.generate();
    private final AgentKey stranger = AgentKey.generate();

    private KeyLog rotatedLog() {
        KeyLog log = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, first, GENESIS));
        return log.append(log.rotation(first, second, ROTATION));
    }

    @Test
    void keys_acceptTheirKeysAtAnyTime_andRefuseOthersByDid() {
        TrustedSigners trusted = TrustedSigners.keys(AGENT, List.of(first.publicKey()));

        assertThat(trusted.refusal(first.publicKey(), Instant.EPOCH)).isEmpty();
        assertThat(trusted.refusal(stranger.publicKey(), GENESIS)).hasValueSatisfying(why -> assertThat(why)
                .contains(stranger.publicKey().did(), "not a trusted key of agent agent-7f3a"));
    }

    @Test
    void keyLog_acceptsEachKeyOnlyWhileItWasCurrent() {
        TrustedSigners trusted = TrustedSigners.keyLog(rotatedLog(), first.publicKey());

        assertThat(trusted.refusal(first.publicKey(), GENESIS)).isEmpty();
        assertThat(trusted.refusal(first.publicKey(), ROTATION.minusSeconds(1))).isEmpty();
        assertThat(trusted.refusal(second.publicKey(), ROTATION)).isEmpty();
        assertThat(trusted.refusal(second.publicKey(), ROTATION.plusSeconds(86_400 * 365))).isEmpty();
        assertThat(trusted.refusal(first.publicKey(), ROTATION)).hasValueSatisfying(why -> assertThat(why)
                .contains("current from 2026-11-01T00:00:00Z until 2026-12-01T00:00:00Z",
                        "the backup is dated 2026-12-01T00:00:00Z"));
        assertThat(trusted.refusal(second.publicKey(), ROTATION.minusSeconds(1))).isPresent();
        assertThat(trusted.refusal(first.publicKey(), GENESIS.minusSeconds(1))).isPresent();
        assertThat(trusted.refusal(stranger.publicKey(), GENESIS)).isPresent();
    }

    @Test
    void keyLog_whenRevoked_refusesTheKeyFromTheRevocationOn() {
        KeyLog log = rotatedLog();
        log = log.append(log.revocation(second, REVOCATION));

        TrustedSigners trusted = TrustedSigners.keyLog(log, first.publicKey());

        assertThat(trusted.refusal(second.publicKey(), REVOCATION.minusSeconds(1))).isEmpty();
        assertThat(trusted.refusal(second.publicKey(), REVOCATION)).isPresent();
    }

    @Test
    void keyLog_whenItDoesNotCheckOutAgainstTheTrustedGenesis_throwsNamingTheEntry() {
        KeyLog log = rotatedLog();

        assertThatThrownBy(() -> TrustedSigners.keyLog(log, stranger.publicKey()))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("the key log of agent agent-7f3a is broken at entry 0: genesis key");
    }

    @Test
    void keys_withoutAnyKey_rejects() {
        assertThatThrownBy(() -> TrustedSigners.keys(AGENT, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected at least one public key");
    }
}
