package dev.heartwood.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.identity.KeyLogStore;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.RotateKey;
import dev.heartwood.core.relay.RelayRejectedException;
import dev.heartwood.local.FileKeyLogStore;
import dev.heartwood.local.FileKeyVault;
import dev.heartwood.local.LocalHome;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity use cases with the relay on the other side of HTTP, as the CLI runs them with HEARTWOOD_RELAY_URL. */
class IdentityOverHttpTest {

    private static final AgentId AGENT = AgentId.of("scout");

    @TempDir
    Path relayDir;

    @TempDir
    Path home;

    private LoopbackOverHttp relay;
    private KeyVault vault;
    private KeyLogStore keyLogs;

    @BeforeEach
    void setUp() {
        relay = new LoopbackOverHttp(relayDir);
        vault = new FileKeyVault(LocalHome.at(home), "correct horse battery staple"::toCharArray);
        keyLogs = new FileKeyLogStore(LocalHome.at(home));
    }

    @AfterEach
    void tearDown() {
        relay.close();
    }

    @Test
    void initAgent_overHttp_registersTheNewKeyAndIsANoOpTheSecondTime() {
        InitAgent init = new InitAgent(vault, keyLogs, relay.client, relay.clock);

        InitAgent.Outcome created = init.run(AGENT);
        InitAgent.Outcome again = init.run(AGENT);

        assertThat(created).isInstanceOf(InitAgent.Created.class);
        assertThat(created.registration().currentKey()).isEqualTo(created.key());
        assertThat(again).isInstanceOf(InitAgent.AlreadyInitialized.class);
        assertThat(again.registration()).isEqualTo(created.registration());
    }

    @Test
    void rotateKey_overHttp_movesTheRelayToTheVaultsNewKey() {
        new InitAgent(vault, keyLogs, relay.client, relay.clock).run(AGENT);
        AgentKey old = vault.current(AGENT).orElseThrow();

        RotateKey.Rotated rotated = new RotateKey(vault, keyLogs, relay.client, relay.clock).run(AGENT);

        AgentKey current = vault.current(AGENT).orElseThrow();
        assertThat(rotated.from()).isEqualTo(old.publicKey());
        assertThat(rotated.to()).isEqualTo(current.publicKey());
        assertThat(rotated.registration().currentKey()).isEqualTo(current.publicKey());
        assertThat(relay.client.post(relay.signed(AGENT, current, "m-1")).keyId()).isEqualTo(current.publicKey().did());
        assertThatThrownBy(() -> relay.client.post(relay.signed(AGENT, old, "m-2")))
                .isInstanceOf(RelayRejectedException.class).hasMessageContaining("rotated out");
    }
}
