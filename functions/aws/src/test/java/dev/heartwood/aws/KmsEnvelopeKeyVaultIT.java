package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.bootstrap.TableSpec;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.KeyConflictException;
import dev.heartwood.core.identity.KeyFormatException;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.KeyVaultContract;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link KeyVaultContract} against KMS and the DynamoDB control table, then what only this adapter
 * promises: nothing readable at rest, tampering and swapping detected, Decrypt skipped when warm,
 * and rotations that race lose cleanly.
 */
@AwsIntegrationTest
class KmsEnvelopeKeyVaultIT extends KeyVaultContract {

    private static AwsEmulator emulator;
    private static AwsClients clients;
    private static String table;
    private static String kmsKeyArn;

    // One table and one KMS key for the class: creating them per test would only slow it down, and
    // agent ids are unique per test anyway. Static, because the contract's @BeforeEach needs them.
    @BeforeAll
    static void createTableAndKey(AwsEmulator awsEmulator) {
        emulator = awsEmulator;
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        TableSpec control = StorePlan.forInstallation(StoreNames.withPrefix(emulator.uniquePrefix()), StorePlan.DEFAULT_MAX_RECEIVE_COUNT)
                .stores().stream()
                .filter(s -> s.role() == StoreRole.CONTROL_TABLE).map(TableSpec.class::cast).findFirst().orElseThrow();
        new DynamoDbTableProvisioner(clients).ensure(control);
        table = control.name();
        kmsKeyArn = clients.kms().createKey(b -> b.description("heartwood KmsEnvelopeKeyVaultIT")).keyMetadata().arn();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    @Override
    protected KeyVault newVault() {
        return new KmsEnvelopeKeyVault(clients, kmsKeyArn, table);
    }

    @Override
    protected AgentId newAgent() {
        return AgentId.of(emulator.uniquePrefix() + "-agent");
    }

    private Map<String, AttributeValue> item(AgentId agent, String item) {
        return clients.dynamoDb().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("agent_id", AttributeValue.fromS(agent.value()), "item", AttributeValue.fromS(item)))).item();
    }

    private void put(Map<String, AttributeValue> item) {
        clients.dynamoDb().putItem(b -> b.tableName(table).item(item));
    }

    private void flipACiphertextByte(AgentId agent) {
        Map<String, AttributeValue> tampered = new HashMap<>(item(agent, KmsEnvelopeKeyVault.CURRENT));
        byte[] ciphertext = tampered.get("ciphertext").b().asByteArray();
        ciphertext[ciphertext.length / 2] ^= 0x01;
        tampered.put("ciphertext", AttributeValue.fromB(SdkBytes.fromByteArray(ciphertext)));
        put(tampered);
    }

    @Test
    void create_storesTheDesignedItemWithNeitherTheSeedNorItsBase64() {
        AgentId agent = newAgent();
        AgentKey key = AgentKey.generate();
        byte[] seed = key.seed();
        byte[] seedBase64 = Base64.getEncoder().encode(seed);

        vault.create(agent, key);

        Map<String, AttributeValue> stored = item(agent, KmsEnvelopeKeyVault.CURRENT);
        assertThat(stored).containsOnlyKeys("agent_id", "item", "key_id", "kms_key_arn", "encrypted_data_key", "iv",
                "ciphertext", "created_at", "version");
        assertThat(stored.get("key_id").s()).isEqualTo(key.publicKey().did());
        assertThat(stored.get("kms_key_arn").s()).isEqualTo(kmsKeyArn);
        assertThat(stored.get("version").n()).isEqualTo("1");
        assertThat(stored.get("iv").b().asByteArray()).hasSize(12);
        assertThat(Instant.parse(stored.get("created_at").s())).isNotNull();
        for (AttributeValue value : stored.values()) {
            byte[] raw = value.b() != null ? value.b().asByteArray()
                    : (value.s() != null ? value.s() : value.n()).getBytes(StandardCharsets.UTF_8);
            assertThat(indexOf(raw, seed)).isEqualTo(-1);
            assertThat(indexOf(raw, seedBase64)).isEqualTo(-1);
        }
    }

    @Test
    void current_whenTheCiphertextIsTampered_failsNamingAgentAndItemWithoutContent() {
        AgentId agent = newAgent();
        AgentKey key = AgentKey.generate();
        vault.create(agent, key);

        flipACiphertextByte(agent);

        assertThatThrownBy(() -> newVault().current(agent))
                .isInstanceOf(KeyFormatException.class)
                .hasMessage("agent " + agent + ": item signing-key#current in table " + table
                        + ": ciphertext fails authentication (tampered, or moved from another item)");
    }

    @Test
    void current_whenAnotherAgentsItemIsCopiedIn_kmsRefusesItsDataKey() {
        AgentId agent = newAgent();
        AgentId thief = newAgent();
        vault.create(agent, AgentKey.generate());
        vault.create(thief, AgentKey.generate());
        Map<String, AttributeValue> copied = new HashMap<>(item(agent, KmsEnvelopeKeyVault.CURRENT));
        copied.put("agent_id", AttributeValue.fromS(thief.value()));
        put(copied);

        assertThatThrownBy(() -> newVault().current(thief))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith("agent " + thief + ": item signing-key#current in table " + table
                        + ": KMS will not decrypt its data key for this agent");
    }

    @Test
    void previous_whenTheCurrentItemIsCopiedOverIt_failsAuthentication() {
        AgentId agent = newAgent();
        AgentKey first = AgentKey.generate();
        vault.create(agent, first);
        vault.rotate(agent, first.publicKey(), AgentKey.generate());
        Map<String, AttributeValue> moved = new HashMap<>(item(agent, KmsEnvelopeKeyVault.CURRENT));
        moved.put("item", AttributeValue.fromS(KmsEnvelopeKeyVault.PREVIOUS));
        put(moved);

        assertThatThrownBy(() -> newVault().previous(agent))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("item signing-key#previous")
                .hasMessageContaining("fails authentication");
    }

    @Test
    void current_inAWarmInstance_doesNotDecryptAgainWhileTheItemsVersionIsUnchanged() {
        AgentId agent = newAgent();
        AgentKey key = AgentKey.generate();
        vault.create(agent, key);
        KeyVault warm = newVault();
        warm.current(agent).orElseThrow();

        // Same key_id and version, unreadable ciphertext: only a fresh Decrypt would notice.
        flipACiphertextByte(agent);

        assertThat(warm.current(agent).orElseThrow().publicKey()).isEqualTo(key.publicKey());
        assertThatThrownBy(() -> newVault().current(agent)).isInstanceOf(KeyFormatException.class);
    }

    @Test
    void current_afterAnotherInstanceRotates_servesTheNewKeyAtOnce() {
        AgentId agent = newAgent();
        AgentKey first = AgentKey.generate();
        AgentKey second = AgentKey.generate();
        vault.create(agent, first);
        KeyVault warm = newVault();
        warm.current(agent).orElseThrow();

        vault.rotate(agent, first.publicKey(), second);

        assertThat(warm.current(agent).orElseThrow().publicKey()).isEqualTo(second.publicKey());
        assertThat(item(agent, KmsEnvelopeKeyVault.CURRENT).get("version").n()).isEqualTo("2");
        assertThat(item(agent, KmsEnvelopeKeyVault.PREVIOUS).get("version").n()).isEqualTo("1");
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
        assertThat(item(agent, KmsEnvelopeKeyVault.CURRENT).get("version").n()).isEqualTo("2");
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
                .hasMessageContaining(table);
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
        assertThat(item(agent, KmsEnvelopeKeyVault.CURRENT).get("version").n()).isEqualTo("2");
    }

    @Test
    void current_whenDynamoDbIsUnreachable_failsWithOneLineNamingAgentAndTable() {
        Map<String, String> env = new HashMap<>(emulator.unreachable().environment());
        env.put("HEARTWOOD_AWS_CALL_TIMEOUT", "5s");
        AgentId agent = newAgent();
        try (AwsClients unreachable = new AwsClients(AwsSettings.fromEnvironment(env))) {
            KeyVault offline = new KmsEnvelopeKeyVault(unreachable, kmsKeyArn, table);

            assertThatThrownBy(() -> offline.current(agent))
                    .isInstanceOf(IdentityException.class)
                    .hasMessageStartingWith("agent " + agent + ": item signing-key#current in table " + table
                            + ": cannot reach DynamoDB at " + env.get("AWS_ENDPOINT_URL") + ": ConnectException")
                    .hasMessageNotContaining("\n");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
