package dev.heartwood.core.identity.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeIdentityTest {

    @TempDir
    Path dir;

    private String file;
    private String secret;

    @BeforeEach
    void keygen() {
        file = ReferenceAge.identityText(ReferenceAge.keygen(dir, "id"));
        secret = file.lines().filter(line -> line.startsWith("AGE-SECRET-KEY-1")).findFirst().orElseThrow();
    }

    @Test
    void parse_whenAnAgeKeygenFile_readsTheKeyAndSkipsComments() {
        AgeIdentity identity = AgeIdentity.parse(file);

        assertThat(file).startsWith("# created: ");
        assertThat(identity.readers()).hasSize(1);
    }

    @Test
    void parse_withSeveralKeysAndCrlf_keepsEveryKey() {
        String other = ReferenceAge.identityText(ReferenceAge.keygen(dir, "other"));

        AgeIdentity identity = AgeIdentity.parse((file + "\n" + other).replace("\n", "\r\n"));

        assertThat(identity.readers()).hasSize(2);
    }

    @Test
    void toString_neverShowsTheSecret() {
        assertThat(AgeIdentity.parse(file).toString())
                .isEqualTo("AgeIdentity[1 X25519 key, redacted]")
                .doesNotContain(secret.substring(16, 30));
    }

    @Test
    void parse_whenALineIsNotAnIdentity_namesTheLineWithoutQuotingIt() {
        String typo = secret.substring(0, secret.length() - 1) + (secret.endsWith("Q") ? "P" : "Q");

        assertThatThrownBy(() -> AgeIdentity.parse("# mine\n\n" + typo + "\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("age identity line 3 is not a valid X25519 identity: expected AGE-SECRET-KEY-1…"
                        + " or an identity file as `age-keygen` writes it")
                .hasNoCause();
    }

    @Test
    void parse_whenGivenTheRecipient_saysItIsThePublicKey() {
        String recipient = ReferenceAge.recipientOf(ReferenceAge.keygen(dir, "r"));

        assertThatThrownBy(() -> AgeIdentity.parse(recipient))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1 is a recipient (public key), not an identity");
    }

    @Test
    void parse_whenOnlyComments_saysSo() {
        assertThatThrownBy(() -> AgeIdentity.parse("# created: today\n# public key: age1…\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("age identity has only comments");
    }
}
