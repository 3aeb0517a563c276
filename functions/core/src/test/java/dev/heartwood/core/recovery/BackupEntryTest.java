package dev.heartwood.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackupEntryTest {

    @ParameterizedTest
    @ValueSource(strings = {"memory/SOUL.md", "memory/memory/2026-11-22.md", "chat/rows.jsonl", "control/journal.jsonl",
            "control/outbox.jsonl", "identity/keylog.json", "identity/public.pem", "README"})
    void of_withBackupPaths_accepts(String path) {
        assertThat(BackupEntry.of(path, "x").path()).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "../secrets.md            | '..' would escape the backup root",
            "memory/../../etc/passwd  | '..' would escape the backup root",
            "/etc/passwd              | it is absolute",
            "C:/x.md                  | it is absolute",
            "memory//SOUL.md          | it has an empty or '.' part",
            "memory/./SOUL.md         | it has an empty or '.' part",
            "memory/                  | it has an empty or '.' part",
            "memory/.hidden           | each part must be letters, digits",
            "memory/SO UL.md          | each part must be letters, digits",
            "memory\\SOUL.md          | each part must be letters, digits"})
    void of_withUnsafePath_rejectsNamingWhy(String path, String why) {
        assertThatThrownBy(() -> BackupEntry.of(path, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("backup entry path '" + path + "' is not allowed: " + why);
    }

    @Test
    void of_withPathTooLongForUstar_rejects() {
        assertThatThrownBy(() -> BackupEntry.of("memory/" + "x".repeat(101), "x"))
                .hasMessageContaining("cannot be split into a ustar prefix");
        assertThatThrownBy(() -> BackupEntry.of("a/".repeat(128) + "b", "x")).hasMessageContaining("longer than 255 bytes");
    }

    @Test
    void toString_showsPathAndSize_neverContent() {
        assertThat(BackupEntry.of("memory/MEMORY.md", "the canary sings")).hasToString("BackupEntry[memory/MEMORY.md, 16 bytes]");
    }

    @Test
    void content_isACopy_soTheEntryCannotChange() {
        byte[] bytes = {1, 2, 3};
        BackupEntry entry = BackupEntry.of("a.bin", bytes);
        bytes[0] = 9;
        entry.content()[1] = 9;

        assertThat(entry.content()).containsExactly(1, 2, 3);
        assertThat(entry.sha256()).isEqualTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
    }
}
