package dev.heartwood.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BackupStore} promises, proven once per adapter: a backup is written once and never replaced. */
public abstract class BackupStoreContract {

    protected BackupStore store;
    /** A fresh agent per test, so adapters that share a bucket never see each other's backups. */
    protected String agent;

    protected abstract BackupStore newStore();

    @BeforeEach
    void setUpStore() {
        store = newStore();
        agent = "agent-" + Integer.toUnsignedString(new SecureRandom().nextInt(), 36);
    }

    /** A name as RunBackup makes it: {@code {agent}/{tier}/{agent}-{tier}-{time}{suffix}}. */
    protected static String name(String agent, String tier, String time, String suffix) {
        return agent + "/" + tier + "/" + agent + "-" + tier + "-" + time + suffix;
    }

    private static byte[] everyByteValue() {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void create_thenRead_returnsTheSameBytes() {
        String archive = name(agent, "hot", "20261122T090000Z", ".tar.age");

        store.create(archive, everyByteValue());

        assertThat(store.read(archive)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(everyByteValue()));
    }

    @Test
    void read_whenAbsent_isEmpty() {
        assertThat(store.read(name(agent, "hot", "20261122T090000Z", ".manifest.json"))).isEmpty();
        assertThat(store.list(agent + "/")).isEmpty();
    }

    @Test
    void create_whenTheNameIsTaken_failsNamingItAndKeepsTheFirst() {
        String manifest = name(agent, "hot", "20261122T090000Z", ".manifest.json");
        store.create(manifest, "first".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.create(manifest, "second".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining(manifest)
                .hasMessageContaining("already exists");
        assertThat(store.read(manifest)).hasValueSatisfying(bytes -> assertThat(bytes).asString().isEqualTo("first"));
        assertThat(store.list(agent + "/")).containsExactly(manifest);
    }

    @Test
    void list_underAPrefix_returnsOnlyItsNamesSorted() {
        String neighbour = agent + "x"; // starts with the same characters, is another agent
        String hot10Manifest = name(agent, "hot", "20261122T100000Z", ".manifest.json");
        String hot09Archive = name(agent, "hot", "20261122T090000Z", ".tar.age");
        String hot09Manifest = name(agent, "hot", "20261122T090000Z", ".manifest.json");
        String cold = name(agent, "cold", "20261116T000000Z", ".manifest.json");
        String other = name(neighbour, "hot", "20261122T090000Z", ".manifest.json");
        for (String name : new String[] {hot10Manifest, other, hot09Manifest, cold, hot09Archive}) {
            store.create(name, new byte[] {1});
        }

        assertThat(store.list(agent + "/hot/")).containsExactly(hot09Manifest, hot09Archive, hot10Manifest);
        assertThat(store.list(agent + "/cold/")).containsExactly(cold);
        assertThat(store.list(agent + "/")).containsExactly(cold, hot09Manifest, hot09Archive, hot10Manifest);
        assertThat(store.list(neighbour + "/")).containsExactly(other);
    }

    @Test
    void delete_removesTheBackupAndIsANoOpWhenItIsGone() {
        String archive = name(agent, "hot", "20261122T090000Z", ".tar.age");
        String kept = name(agent, "hot", "20261122T100000Z", ".tar.age");
        store.create(archive, new byte[] {1});
        store.create(kept, new byte[] {2});

        store.delete(archive);
        store.delete(archive);
        store.delete(name(agent, "cold", "20261116T000000Z", ".tar.age"));

        assertThat(store.read(archive)).isEmpty();
        assertThat(store.list(agent + "/")).containsExactly(kept);
        assertThat(store.read(kept)).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(2));
    }

    @Test
    void create_withANameOutsideTheLayout_isRefusedAndWritesNothing() {
        for (String bad : java.util.List.of("../" + agent + "/hot/x.tar.age", agent + "/warm/x.tar.age", agent + "/hot/../x",
                "/" + agent + "/hot/x.tar.age")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.create(bad, new byte[] {1}))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not {agent}/{hot|cold}/{file}");
        }
        org.assertj.core.api.Assertions.assertThat(store.list(agent)).isEmpty();
    }
}
