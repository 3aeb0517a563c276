package dev.heartwood.core.identity.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.transfer.AgeFileException.Failure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeFileTest {

    private static final byte[] PLAINTEXT = "what the file holds".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void decrypt_withTheRecipientsIdentity_returnsThePlaintext() {
        Path id = ReferenceAge.keygen(dir, "id");

        byte[] file = AgeFile.encrypt(PLAINTEXT, List.of(AgeRecipient.parse(ReferenceAge.recipientOf(id))));

        assertThat(AgeFile.decrypt(file, AgeIdentity.parse(ReferenceAge.identityText(id)), "test file")).isEqualTo(PLAINTEXT);
    }

    @Test
    void decrypt_withAnotherIdentity_failsAsWrongIdentity() {
        byte[] file = AgeFile.encrypt(PLAINTEXT, List.of(AgeRecipient.parse(ReferenceAge.recipientOf(ReferenceAge.keygen(dir, "a")))));
        AgeIdentity other = AgeIdentity.parse(ReferenceAge.identityText(ReferenceAge.keygen(dir, "b")));

        assertThatThrownBy(() -> AgeFile.decrypt(file, other, "test file"))
                .isInstanceOfSatisfying(AgeFileException.class, e -> assertThat(e.failure()).isEqualTo(Failure.WRONG_IDENTITY));
    }

    @Test
    void decrypt_whenTruncated_failsAsDamaged() {
        Path id = ReferenceAge.keygen(dir, "id");
        byte[] file = AgeFile.encrypt(PLAINTEXT, List.of(AgeRecipient.parse(ReferenceAge.recipientOf(id))));
        byte[] cut = Arrays.copyOf(file, file.length - 5);

        assertThatThrownBy(() -> AgeFile.decrypt(cut, AgeIdentity.parse(ReferenceAge.identityText(id)), "test file"))
                .isInstanceOfSatisfying(AgeFileException.class, e -> assertThat(e.failure()).isEqualTo(Failure.DAMAGED));
    }

    @Test
    void decrypt_whenNotAgeAtAll_failsAsNotAge() {
        AgeIdentity id = AgeIdentity.parse(ReferenceAge.identityText(ReferenceAge.keygen(dir, "id")));

        assertThatThrownBy(() -> AgeFile.decrypt(PLAINTEXT, id, "test file"))
                .isInstanceOfSatisfying(AgeFileException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NOT_AGE))
                .hasMessageStartingWith("test file: not an age file");
    }
}
