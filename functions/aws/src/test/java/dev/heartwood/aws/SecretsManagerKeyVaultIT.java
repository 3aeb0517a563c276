package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.KeyConflictException;
import dev.heartwood.core.identity.KeyDocument;
import dev.heartwood.core.identity.KeyFormatException;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.KeyVaultContract;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * {@link KeyVaultContract} against Secrets Manager, then what only this adapter promises: the
 * stored form, the per-instance cache and its TTL, idempotent and racing rotations.
 */
@AwsIntegrationTest
class SecretsManagerKeyVaultIT extends KeyVaultContract {

    private static final Duration TTL = Duration.ofMinutes(5);

    private final AwsEmulator emulator;
    private final AwsClients clients;
    private final String prefix;

    // The contract's @BeforeEach calls newVault() before any of ours would run, so the emulator
    // comes in through the constructor.
    SecretsManagerKeyVaultIT(AwsEmulator emulator) {
        this.emulator = emulator;
        this.clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        this.prefix = emulator.uniquePrefix();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Override
    protected KeyVault newVault() {
        return new SecretsManagerKeyVault(clients, prefix);
    }

    @Override
    protected AgentId newAgent() {
        return AgentId.of(emulator.uniquePrefix() + "-agent");
    }

    private SecretsManagerKeyVault vault(MutableClock clock) {
        return new SecretsManagerKeyVault(clients, prefix, TTL, clock);
    }

    private String secretName(AgentId agent) {
        return new SecretsManagerKeyVault(clients, prefix).secretName(agent);
    }

    @Test
    void create_storesTheKeyDocumentUnderTheKeysVersionIdAndTagsTheSecret() {
        AgentId agent = newAgent();
        AgentKey key = AgentKey.generate();

        vault.create(agent, key);

        String name = prefix + "/agents/" + agent + "/signing-key";
        GetSecretValueResponse stored = clients.secretsManager().getSecretValue(b -> b.secretId(name));
        KeyDocument document = KeyDocument.parse(stored.secretString().getBytes(StandardCharsets.UTF_8), "test");
        assertThat(document.agent()).isEqualTo(agent);
        assertThat(document.key().publicKey()).isEqualTo(key.publicKey());
        assertThat(stored.versionId()).isEqualTo(SecretsManagerKeyVault.versionToken(key.publicKey()));
        assertThat(clients.secretsManager().describeSecret(b -> b.secretId(name)).tags())
                .contains(Tag.builder().key("heartwood:agent").value(agent.value()).build());
    }

    @Test
    void current_withinTheTtl_servesTheCachedKeyThenTheOneAnotherInstanceRotatedTo() {
        AgentId agent = newAgent();
        AgentKey first = AgentKey.generate();
        AgentKey second = AgentKey.generate();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SecretsManagerKeyVault warm = vault(clock);
        warm.create(agent, first);
        assertThat(warm.current(agent).orElseThrow().publicKey()).isEqualTo(first.publicKey());

        newVault().rotate(agent, first.publicKey(), second);

        clock.advance(TTL.minusSeconds(1));
        assertThat(warm.current(agent).orElseThrow().publicKey()).isEqualTo(first.publicKey());
        clock.advance(Duration.ofSeconds(1));
        assertThat(warm.current(agent).orElseThrow().publicKey()).isEqualTo(second.publicKey());
    }

    @Test
    void current_afterTheTtl_whenAnotherInstanceDeletedTheSecret_isEmpty() {
        AgentId agent = newAgent();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SecretsManagerKeyVault warm = vault(clock);
        warm.create(agent, AgentKey.generate());
        warm.current(agent).orElseThrow();

        newVault().delete(agent);

        assertThat(warm.current(agent)).as("within the TTL no call is made").isPresent();
        clock.advance(TTL);
        assertThat(warm.current(agent)).isEmpty();
    }

    @Test
    void current_afterARotationThroughTheSameInstance_servesTheNewKeyAtOnce() {
        AgentId agent = newAgent();
        AgentKey first = AgentKey.generate();
        AgentKey second = AgentKey.generate();
        SecretsManagerKeyVault warm = vault(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
        warm.create(agent, first);
        warm.current(agent).orElseThrow();

        warm.rotate(agent, first.publicKey(), second);

        assertThat(warm.current(agent).orElseThrow().publicKey()).isEqualTo(second.publicKey());
    }

    @Test
    void current_whenTheCallerDestroysItsKey_theCacheStillServesTheKey() {
        AgentId agent = newAgent();
        AgentKey key = AgentKey.generate();
        vault.create(agent, key);

        vault.current(agent).orElseThrow().destroy();

        AgentKey again = vault.current(agent).orElseThrow();
        assertThat(key.publicKey().verifies("m".getBytes(), again.sign("m".getBytes()))).isTrue();
    }

    @Test
    void current_whenTheSecretStringIsCorrupt_failsNamingTheSecretWithoutQuotingIt() {
        AgentId agent = newAgent();
        String name = secretName(agent);
        String privatePart = Base64.getEncoder().encodeToString("not really a seed, but private".getBytes());
        clients.secretsManager().createSecret(b -> b.name(name)
                .secretString("{\"format\":\"heartwood-key/1\",\"privateKey\":\"" + privatePart + "\""));

        assertThatThrownBy(() -> vault.current(agent))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith("secret " + name + ": corrupt key JSON")
                .hasMessageNotContaining(privatePart);
    }

    @Test
    void current_whenTheSecretHoldsAnotherAgentsKey_refuses() {
        AgentId agent = newAgent();
        AgentId other = newAgent();
        byte[] json = new KeyDocument(other, AgentKey.generate(), Instant.now()).toJson();
        clients.secretsManager().createSecret(b -> b.name(secretName(agent)).secretString(new String(json, StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> vault.current(agent))
                .isInstanceOf(KeyFormatException.class)
                .hasMessage("secret " + secretName(agent) + ": holds the key of agent " + other + ", not " + agent);
    }

    @Test
    void current_whenTheSecretIsScheduledForDeletion_isEmpty() {
        AgentId agent = newAgent();
        AgentKey first = AgentKey.generate();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SecretsManagerKeyVault warm = vault(clock);
        warm.create(agent, first);
        warm.rotate(agent, first.publicKey(), AgentKey.generate());
        warm.current(agent).orElseThrow();

        // Deleted by hand with a recovery window: unreadable, though it still exists.
        clients.secretsManager().deleteSecret(b -> b.secretId(secretName(agent)).recoveryWindowInDays(7L));

        clock.advance(TTL);
        assertThat(warm.current(agent)).isEmpty();
        assertThat(warm.previous(agent)).isEmpty();
    }

    @Test
    void rotate_retriedAfterSuccess_changesNothing() {
        AgentId agent = newAgent();
        AgentKey first = AgentKey.generate();
        AgentKey second = AgentKey.generate();
        vault.create(agent, first);
        vault.rotate(agent, first.publicKey(), second);

        vault.rotate(agent, first.publicKey(), second);

        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(second.publicKey());
        assertThat(vault.previous(agent).orElseThrow().publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void rotate_whenAnEarlierAttemptStagedTheKeyAndDied_finishesTheRotation() {
        AgentId agent = newAgent();
        AgentKey first = AgentKey.generate();
        AgentKey second = AgentKey.generate();
        vault.create(agent, first);
        // What a rotate that crashed between its two calls leaves: the new key staged, not current,
        // with another createdAt than the retry will write.
        String staged = new String(new KeyDocument(agent, second, Instant.EPOCH).toJson(), StandardCharsets.UTF_8);
        clients.secretsManager().putSecretValue(b -> b.secretId(secretName(agent))
                .clientRequestToken(SecretsManagerKeyVault.versionToken(second.publicKey()))
                .secretString(staged).versionStages(SecretVersions.STAGED));

        vault.rotate(agent, first.publicKey(), second);

        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(second.publicKey());
        assertThat(vault.previous(agent).orElseThrow().publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void rotate_fromAnInstanceThatMissedAnotherRotation_refusesAndKeepsTheWinner() {
        AgentId agent = newAgent();
        AgentKey first = AgentKey.generate();
        AgentKey winner = AgentKey.generate();
        KeyVault late = newVault();
        vault.create(agent, first);
        late.current(agent).orElseThrow();
        vault.rotate(agent, first.publicKey(), winner);

        assertThatThrownBy(() -> late.rotate(agent, first.publicKey(), AgentKey.generate()))
                .isInstanceOf(KeyConflictException.class)
                .hasMessageContaining(agent.value())
                .hasMessageContaining(secretName(agent));
        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(winner.publicKey());
        assertThat(vault.previous(agent).orElseThrow().publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void rotate_whenSeveralInstancesRaceFromTheSameKey_exactlyOneWinsAndTheOthersConflict() throws Exception {
        AgentId agent = newAgent();
        AgentKey first = AgentKey.generate();
        vault.create(agent, first);

        List<RotationRace.Attempt> attempts = RotationRace.run(this::newVault, agent, first.publicKey(), 6);

        List<RotationRace.Attempt> won = attempts.stream().filter(a -> a.failure() == null).toList();
        assertThat(won).hasSize(1);
        assertThat(attempts).filteredOn(a -> a.failure() != null)
                .allSatisfy(a -> assertThat(a.failure()).isInstanceOf(KeyConflictException.class));
        assertThat(vault.current(agent).orElseThrow().publicKey()).isEqualTo(won.get(0).next().publicKey());
        assertThat(vault.previous(agent).orElseThrow().publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void current_whenSecretsManagerIsUnreachable_failsWithOneLineNamingTheSecret() {
        Map<String, String> env = new HashMap<>(emulator.unreachable().environment());
        env.put("HEARTWOOD_AWS_CALL_TIMEOUT", "5s");
        AgentId agent = newAgent();
        try (AwsClients unreachable = new AwsClients(AwsSettings.fromEnvironment(env))) {
            KeyVault offline = new SecretsManagerKeyVault(unreachable, prefix);

            assertThatThrownBy(() -> offline.current(agent))
                    .isInstanceOf(IdentityException.class)
                    .hasMessageStartingWith("secret " + secretName(agent) + ": cannot reach Secrets Manager at "
                            + env.get("AWS_ENDPOINT_URL") + ": ConnectException")
                    .hasMessageNotContaining("\n");
        }
    }
}
