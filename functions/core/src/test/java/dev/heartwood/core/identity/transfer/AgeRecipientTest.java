package dev.heartwood.core.identity.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgeRecipientTest {

    private static final String EXPECTED = "expected an age X25519 recipient 'age1…'";

    @TempDir
    Path dir;

    @Test
    void parse_whenAgeKeygenPrintedIt_acceptsItWithoutSurroundingWhitespace() {
        String recipient = ReferenceAge.recipientOf(ReferenceAge.keygen(dir, "id"));

        assertThat(AgeRecipient.parse("  " + recipient + "\n").value()).isEqualTo(recipient);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "age1xyz",
            // A valid recipient with its last character changed: the Bech32 checksum catches typos.
            "age1gks5nm23c2tgqxf3l9j5rh5q7k4rsmzxy9x9ur7wf8r79hlvy3cswkfdqe",
            // The reference age tool refuses upper case, so an export to it would not open there.
            "AGE1GKS5NM23C2TGQXF3L9J5RH5Q7K4RSMZXY9X9UR7WF8R79HLVY3CSWKFDQD",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEt4h5r8 me@host"})
    void parse_whenNotAnX25519Recipient_namesItAndWhatWasExpected(String text) {
        assertThatThrownBy(() -> AgeRecipient.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("age recipient '" + text + "' is not valid")
                .hasMessageContaining(EXPECTED);
    }

    @Test
    void parse_whenBlank_saysItIsMissing() {
        assertThatThrownBy(() -> AgeRecipient.parse("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("age recipient is missing: " + EXPECTED + " (as `age-keygen -y` prints it;"
                        + " ssh and plugin recipients are not supported)");
    }

    @Test
    void parse_whenGivenTheSecretKey_refusesWithoutQuotingIt() {
        String secret = ReferenceAge.identityText(ReferenceAge.keygen(dir, "id")).lines()
                .filter(line -> line.startsWith("AGE-SECRET-KEY-1")).findFirst().orElseThrow();

        assertThatThrownBy(() -> AgeRecipient.parse(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a secret identity")
                .hasMessageNotContaining(secret.substring("AGE-SECRET-KEY-1".length()));
    }
}
