package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity commands of the shipped jar with {@code --aws}, against the emulators. */
@AwsIntegrationTest
class IdentityJarIT {

    @TempDir
    Path tmp;

    private AwsEmulator emulator;
    private AwsClients clients;
    private String prefix;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp(AwsEmulator emulator) throws Exception {
        this.emulator = emulator;
        this.clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        this.prefix = emulator.uniquePrefix();
        assertThat(heartwood(Map.of(), "--aws", "bootstrap").code()).isZero();
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private Run heartwood(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(emulator.environment());
        env.put("HEARTWOOD_PREFIX", prefix);
        env.putAll(extra);
        HeartwoodJar.Run run = new HeartwoodJar(tmp, env).run(args);
        return new Run(run.code(), run.out(), run.err());
    }

    @Test
    void secretsManagerVault_initRotateAndLog_keepOneVerifiableIdentity() throws Exception {
        Run init = heartwood(Map.of(), "--aws", "init", "agent-aws");
        String first = heartwood(Map.of(), "--aws", "keys", "public", "agent-aws").out().strip();
        Run rotate = heartwood(Map.of(), "--aws", "keys", "rotate", "agent-aws");
        Run log = heartwood(Map.of(), "--aws", "keys", "log", "agent-aws");

        assertThat(init.code()).as(init.err()).isZero();
        assertThat(clients.secretsManager().describeSecret(b -> b.secretId(prefix + "/agents/agent-aws/signing-key")).name())
                .isEqualTo(prefix + "/agents/agent-aws/signing-key");
        assertThat(rotate.code()).as(rotate.err()).isZero();
        assertThat(rotate.out()).contains("from " + first);
        assertThat(log.out()).contains("genesis", "rotate", "chain valid");
        assertThat(heartwood(Map.of(), "--aws", "keys", "public", "agent-aws").out().strip()).isNotEqualTo(first);
    }

    @Test
    void kmsVault_initAndSign_withTheKeyInTheControlTable() throws Exception {
        String kmsKey = clients.kms().createKey(b -> b.description("heartwood IT")).keyMetadata().keyId();
        Map<String, String> kms = Map.of("HEARTWOOD_KEY_VAULT", "kms", "HEARTWOOD_KMS_KEY_ID", kmsKey);
        Path file = Files.writeString(tmp.resolve("note.txt"), "signed under KMS");

        Run init = heartwood(kms, "--aws", "init", "agent-kms");
        Run sign = heartwood(kms, "--aws", "keys", "sign", "agent-kms", "--in", file.toString());
        Run verify = heartwood(kms, "--aws", "keys", "verify", "agent-kms", "--in", file.toString(), "--sig", sign.out().strip());

        assertThat(init.code()).as(init.err()).isZero();
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("(current key)");
        assertThat(heartwood(Map.of("HEARTWOOD_KEY_VAULT", "kms"), "--aws", "init", "x").err())
                .contains("HEARTWOOD_KEY_VAULT=kms needs HEARTWOOD_KMS_KEY_ID");
    }

    @Test
    void exportThenImport_movesTheKeyToAnotherInstallationUsingAnIdentityFromSecretsManager() throws Exception {
        heartwood(Map.of(), "--aws", "init", "agent-move");
        String did = heartwood(Map.of(), "--aws", "keys", "public", "agent-move").out().strip();
        Path identity = tmp.resolve("id.txt");
        Process keygen = new ProcessBuilder("age-keygen", "-o", identity.toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String recipient = Files.readAllLines(identity).stream().filter(l -> l.startsWith("# public key: "))
                .findFirst().orElseThrow().substring("# public key: ".length());
        String identitySecret = prefix + "-b/age-identity";
        clients.secretsManager().createSecret(b -> b.name(identitySecret).secretString(readString(identity)));
        Path export = tmp.resolve("move.key.age");

        Run exported = heartwood(Map.of(), "--aws", "keys", "export", "--agent", "agent-move", "--to", recipient,
                "--out", export.toString());
        Map<String, String> installationB = Map.of("HEARTWOOD_PREFIX", prefix + "-b");
        Run imported = heartwood(installationB, "--aws", "keys", "import", "--agent", "agent-move", "--from", export.toString(),
                "--identity-secret", identitySecret);
        Run again = heartwood(installationB, "--aws", "keys", "import", "--agent", "agent-move", "--from", export.toString(),
                "--identity-secret", identitySecret);

        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains(did);
        assertThat(again.out()).contains("already holds this key", "nothing changed");
        assertThat(clients.secretsManager().getSecretValue(b -> b.secretId(prefix + "-b/agents/agent-move/signing-key"))
                .secretString()).contains(did);
    }

    @Test
    void corruptSecret_givesOneLineNamingTheSecretAndNoContent() throws Exception {
        String secret = prefix + "/agents/agent-bad/signing-key";
        clients.secretsManager().createSecret(b -> b.name(secret).secretString("{\"format\":\"heartwood-key/1\",\"privateKey\":\"c2VjcmV0"));
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");

        Run run = heartwood(Map.of(), "--aws", "keys", "sign", "agent-bad", "--in", file.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("secret " + secret, "corrupt key JSON").doesNotContain("c2VjcmV0");
    }

    private static String readString(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
