package dev.heartwood.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyLogTest {

    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private final AgentId agent = AgentId.of("agent-7f3a");
    private final AgentKey first = AgentKey.generate();
    private final AgentKey second = AgentKey.generate();
    private final AgentKey third = AgentKey.generate();

    private KeyLog rotatedTwice() {
        KeyLog log = KeyLog.empty(agent).append(KeyLog.genesis(agent, first, T0));
        log = log.append(log.rotation(first, second, T0.plusSeconds(60)));
        return log.append(log.rotation(second, third, T0.plusSeconds(120)));
    }

    @Test
    void verify_whenChainIsIntact_namesTheLatestKeyAsCurrent() {
        KeyLog.Verification result = rotatedTwice().verify(first.publicKey());

        assertThat(result).isEqualTo(new KeyLog.Valid(java.util.Optional.of(third.publicKey()), 3));
    }

    @Test
    void verify_whenGenesisIsNotTheTrustedKey_isBroken() {
        assertThat(rotatedTwice().verify(second.publicKey()))
                .isEqualTo(new KeyLog.Broken(0, "genesis key " + first.publicKey().did() + " is not the trusted "
                        + second.publicKey().did()));
    }

    @Test
    void verify_whenAnEntryIsRemoved_reportsTheBrokenLink() {
        List<KeyLogEntry> entries = new ArrayList<>(rotatedTwice().entries());
        entries.remove(1);

        assertThat(new KeyLog(agent, entries).verify(first.publicKey()))
                .isInstanceOf(KeyLog.Broken.class)
                .extracting(b -> ((KeyLog.Broken) b).sequence()).isEqualTo(1L);
    }

    @Test
    void verify_whenARotationIsSignedOnlyByTheNewKey_isBroken() {
        KeyLog log = KeyLog.empty(agent).append(KeyLog.genesis(agent, first, T0));
        AgentKey attacker = AgentKey.generate();
        KeyLogEntry forged = KeyLogEntry.signed(agent, 1, KeyLogEntry.Kind.ROTATE, attacker.publicKey(),
                log.entries().get(0).hash(), T0, List.of(attacker, attacker));

        assertThat(log.append(forged).verify(first.publicKey()))
                .isEqualTo(new KeyLog.Broken(1, "rotation not signed by the outgoing key " + first.publicKey().did()));
    }

    @Test
    void verify_whenAnEntryIsEdited_breaksTheHashChain() {
        List<KeyLogEntry> entries = new ArrayList<>(rotatedTwice().entries());
        KeyLogEntry edited = entries.get(1);
        entries.set(1, new KeyLogEntry(agent, 1, KeyLogEntry.Kind.ROTATE, edited.key(), edited.previousHash(),
                edited.createdAt().plusSeconds(1), edited.signatures()));

        assertThat(new KeyLog(agent, entries).verify(first.publicKey())).isInstanceOf(KeyLog.Broken.class);
    }

    @Test
    void revocation_endsTheLog() {
        KeyLog log = rotatedTwice();
        KeyLog revoked = log.append(log.revocation(third, T0.plusSeconds(180)));

        assertThat(revoked.verify(first.publicKey())).isEqualTo(new KeyLog.Valid(java.util.Optional.empty(), 4));
        assertThat(revoked.currentKey()).isEmpty();
        assertThatThrownBy(() -> revoked.rotation(third, AgentKey.generate(), T0)).hasMessageContaining("no current key");
    }

    @Test
    void rotation_whenNotFromTheCurrentKey_isRefused() {
        KeyLog log = rotatedTwice();

        assertThatThrownBy(() -> log.rotation(first, AgentKey.generate(), T0))
                .isInstanceOf(KeyConflictException.class)
                .hasMessageContaining("is not the current key");
    }

    @Test
    void json_roundTripsEveryEntryExactly() {
        KeyLog log = rotatedTwice();

        List<KeyLogEntry> parsed = log.entries().stream()
                .map(e -> KeyLogJson.parse(KeyLogJson.toJson(e), "test")).toList();

        assertThat(parsed).isEqualTo(log.entries());
        assertThat(new KeyLog(agent, parsed).verify(first.publicKey())).isInstanceOf(KeyLog.Valid.class);
    }

    @Test
    void json_whenMalformed_namesTheSource() {
        assertThatThrownBy(() -> KeyLogJson.parse("{\"agentId\":\"a\"}", "control/a/keylog/00000000.json"))
                .isInstanceOf(IdentityException.class)
                .hasMessageStartingWith("control/a/keylog/00000000.json: key log entry lacks");
    }
}
