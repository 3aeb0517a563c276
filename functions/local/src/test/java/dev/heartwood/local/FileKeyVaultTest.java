package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyFormatException;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.KeyVaultContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyVaultTest extends KeyVaultContract {

    /** Cheap scrypt keeps the suite fast; the production cost is exercised in {@link AtProductionCost}. */
    private static final int TEST_LOG2_N = 10;

    @TempDir
    Path home;

    private FileKeyVault vault(String passphrase) {
        return new FileKeyVault(LocalHome.at(home), passphrase::toCharArray, TEST_LOG2_N, Clock.systemUTC());
    }

    @Override
    protected KeyVault newVault() {
        return vault("correct horse battery staple");
    }

    @Test
    void keyFile_isOwnerOnlyAndHoldsNoPlaintextKey() throws IOException {
        AgentKey key = AgentKey.fromSeed(HexFormat.of().parseHex(
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        vault.create(AgentId.of("a1"), key);

        Path file = home.resolve("keys/a1/current.key");
        String content = Files.readString(file, StandardCharsets.ISO_8859_1);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(content).doesNotContain(Base64.getEncoder().encodeToString(key.seed()))
                .doesNotContain("9d61b19deffd5a60").contains(key.publicKey().did());
        assertThat(indexOf(Files.readAllBytes(file), key.seed())).isEqualTo(-1);
    }

    @Test
    void current_whenPassphraseIsWrong_saysSoAndNeverReturnsAKey() {
        vault.create(AgentId.of("a1"), AgentKey.generate());

        assertThatThrownBy(() -> vault("wrong").current(AgentId.of("a1")))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("wrong passphrase, or the file was altered");
    }

    @Test
    void current_whenCiphertextIsAltered_refuses() throws IOException {
        vault.create(AgentId.of("a1"), AgentKey.generate());
        Path file = home.resolve("keys/a1/current.key");
        String json = Files.readString(file);
        String ciphertext = json.replaceAll("(?s).*\"ciphertext\" : \"([^\"]+)\".*", "$1");
        byte[] bytes = Base64.getDecoder().decode(ciphertext);
        bytes[3] ^= 1;
        Files.writeString(file, json.replace(ciphertext, Base64.getEncoder().encodeToString(bytes)));

        assertThatThrownBy(() -> vault.current(AgentId.of("a1"))).hasMessageContaining("the file was altered");
    }

    @Test
    void current_whenFileCopiedToAnotherAgent_refuses() throws IOException {
        vault.create(AgentId.of("a1"), AgentKey.generate());
        Files.createDirectories(home.resolve("keys/a2"));
        Files.copy(home.resolve("keys/a1/current.key"), home.resolve("keys/a2/current.key"));

        assertThatThrownBy(() -> vault.current(AgentId.of("a2")))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("belongs to agent a1, not a2");
    }

    @Test
    void current_whenFileIsNotOurs_namesTheFile() throws IOException {
        Files.createDirectories(home.resolve("keys/a1"));
        Files.writeString(home.resolve("keys/a1/current.key"), "-----BEGIN OPENSSH PRIVATE KEY-----");

        assertThatThrownBy(() -> vault.current(AgentId.of("a1")))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("current.key: not a Heartwood key file");
    }

    @Test
    void rotate_fromManyThreadsOfOneProcess_exactlyOneWinsAndNoneCrashes() throws Exception {
        AgentKey first = AgentKey.generate();
        vault.create(AgentId.of("a1"), first);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        var outcomes = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        for (int i = 0; i < 6; i++) {
            pool.submit(() -> {
                try {
                    vault.rotate(AgentId.of("a1"), first.publicKey(), AgentKey.generate());
                    outcomes.add("won");
                } catch (dev.heartwood.core.identity.KeyConflictException lost) {
                    outcomes.add("conflict");
                } catch (RuntimeException other) {
                    outcomes.add(other.getClass().getSimpleName());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(outcomes).containsOnly("won", "conflict").filteredOn("won"::equals).hasSize(1);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Nested
    class AtProductionCost {
        @Test
        void roundTrip_withDefaultScryptCost() {
            FileKeyVault production = new FileKeyVault(LocalHome.at(home), "pass"::toCharArray);
            AgentKey key = AgentKey.generate();

            production.create(AgentId.of("prod"), key);

            assertThat(production.current(AgentId.of("prod")).orElseThrow().publicKey()).isEqualTo(key.publicKey());
            assertThat(home.resolve("keys/prod/current.key")).content().contains("\"log2N\" : 15");
        }
    }
}
