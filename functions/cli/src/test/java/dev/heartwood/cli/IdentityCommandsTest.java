package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init and keys on the embedded default, run in-process as a user would type them. */
class IdentityCommandsTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private Run run(Path home, String passphrase, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("HEARTWOOD_HOME", home.toString());
        if (passphrase != null) {
            env.put("HEARTWOOD_PASSPHRASE", passphrase);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HeartwoodCli.execute(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(tmp.resolve("home"), "s3cret pass", args);
    }

    @Test
    void init_thenPublic_printsTheSameIdentityInEveryFormat() {
        Run init = run("init", "agent-7f3a");
        String did = run("keys", "public", "agent-7f3a").out().strip();

        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("Agent agent-7f3a has a new identity.", "key         " + did, "fingerprint");
        assertThat(did).startsWith("did:key:z6Mk");
        assertThat(run("keys", "public", "agent-7f3a", "--format", "pem").out()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(run("keys", "public", "--agent", "agent-7f3a", "--format", "raw").out().strip()).hasSize(44);
        assertThat(run("init", "agent-7f3a").out()).contains("already has an identity", did);
    }

    @Test
    void sign_thenVerify_acceptsTheFileAndRejectsATamperedOne() throws Exception {
        run("init", "agent-7f3a");
        Path file = Files.writeString(tmp.resolve("note.txt"), "remember the milk");

        String signature = run("keys", "sign", "agent-7f3a", "--in", file.toString()).out().strip();
        Run valid = run("keys", "verify", "agent-7f3a", "--in", file.toString(), "--sig", signature);
        Files.writeString(file, "remember the honey");
        Run invalid = run("keys", "verify", "agent-7f3a", "--in", file.toString(), "--sig", signature);

        assertThat(valid.code()).isZero();
        assertThat(valid.out()).contains("valid: signed by did:key:", "(current key)");
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.err()).contains("INVALID");
    }

    @Test
    void sign_verifiesWithOpenssl() throws Exception {
        run("init", "agent-7f3a");
        Path file = Files.writeString(tmp.resolve("note.txt"), "independent check");
        Path pem = Files.writeString(tmp.resolve("pub.pem"), run("keys", "public", "agent-7f3a", "--format", "pem").out());
        byte[] signature = java.util.Base64.getDecoder().decode(
                run("keys", "sign", "agent-7f3a", "--in", file.toString()).out().strip());
        Path sig = Files.write(tmp.resolve("sig.bin"), signature);

        Process openssl = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pem.toString(),
                "-rawin", "-in", file.toString(), "-sigfile", sig.toString()).redirectErrorStream(true).start();

        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("Signature Verified Successfully");
        assertThat(openssl.exitValue()).isZero();
    }

    @Test
    void rotate_thenLog_showsAValidChainAndOldSignaturesStillIdentifyTheAgent() throws Exception {
        run("init", "agent-7f3a");
        Path file = Files.writeString(tmp.resolve("note.txt"), "before rotation");
        String oldSignature = run("keys", "sign", "agent-7f3a", "--in", file.toString()).out().strip();
        String oldDid = run("keys", "public", "agent-7f3a").out().strip();

        Run rotate = run("keys", "rotate", "agent-7f3a");
        Run log = run("keys", "log", "agent-7f3a");

        assertThat(rotate.code()).as(rotate.err()).isZero();
        assertThat(rotate.out()).contains("Rotated agent-7f3a", "from " + oldDid, "relay now accepts only the new key");
        assertThat(run("keys", "public", "agent-7f3a").out().strip()).isNotEqualTo(oldDid);
        assertThat(log.out()).contains("genesis", "rotate", "chain valid from genesis");
        assertThat(run("keys", "verify", "agent-7f3a", "--in", file.toString(), "--sig", oldSignature).out())
                .contains("an earlier key, since rotated");
    }

    @Test
    void exportThenImport_movesTheKeyToAnotherHomeWithTheSameIdentity() throws Exception {
        run("init", "agent-7f3a");
        String did = run("keys", "public", "agent-7f3a").out().strip();
        Path identity = tmp.resolve("id.txt");
        Process keygen = new ProcessBuilder("age-keygen", "-o", identity.toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String recipient = Files.readAllLines(identity).stream().filter(l -> l.startsWith("# public key: "))
                .findFirst().orElseThrow().substring("# public key: ".length());
        Path export = tmp.resolve("agent.key.age");

        Run exported = run("keys", "export", "--agent", "agent-7f3a", "--to", recipient, "--out", export.toString());
        Path elsewhere = tmp.resolve("other-home");
        Run imported = run(elsewhere, "another pass", "keys", "import", "--agent", "agent-7f3a", "--from", export.toString(),
                "--identity", identity.toString());

        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(Files.readAllBytes(export)).startsWith("age-encryption.org/v1".getBytes(StandardCharsets.US_ASCII));
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported the key of agent-7f3a.", did);
        Path file = Files.writeString(tmp.resolve("f.txt"), "same agent");
        String signedElsewhere = run(elsewhere, "another pass", "keys", "sign", "agent-7f3a", "--in", file.toString()).out().strip();
        assertThat(run("keys", "verify", "agent-7f3a", "--in", file.toString(), "--sig", signedElsewhere).code()).isZero();
        assertThat(run("keys", "export", "--agent", "agent-7f3a", "--to", recipient, "--out", export.toString()).err())
                .contains("exists: choose another --out");
    }

    @Test
    void keyLog_whenAnEntryWasEdited_isReportedBrokenAndNotExtended() throws Exception {
        run("init", "agent-7f3a");
        run("keys", "rotate", "agent-7f3a");
        Path entry = tmp.resolve("home/control/agent-7f3a/keylog/00000001.json");
        Files.writeString(entry, Files.readString(entry).replaceFirst("\"createdAt\":\"(\\d{4})", "\"createdAt\":\"2099"));
        String currentBefore = Files.readString(tmp.resolve("home/keys/agent-7f3a/current.key"));

        Run log = run("keys", "log", "agent-7f3a");
        Run rotate = run("keys", "rotate", "agent-7f3a");

        assertThat(log.code()).isEqualTo(1);
        assertThat(log.err()).contains("key log of agent-7f3a is broken at entry 1");
        assertThat(rotate.code()).isEqualTo(1);
        assertThat(rotate.err()).contains("is broken at entry 1");
        assertThat(Files.readString(tmp.resolve("home/keys/agent-7f3a/current.key"))).isEqualTo(currentBefore);
    }

    @Test
    void import_whenTheExportWasTampered_refusesAndWritesNothing() throws Exception {
        run("init", "agent-7f3a");
        Path identity = tmp.resolve("id.txt");
        Process keygen = new ProcessBuilder("age-keygen", "-o", identity.toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String recipient = Files.readAllLines(identity).stream().filter(l -> l.startsWith("# public key: "))
                .findFirst().orElseThrow().substring("# public key: ".length());
        Path export = tmp.resolve("agent.key.age");
        run("keys", "export", "--agent", "agent-7f3a", "--to", recipient, "--out", export.toString());
        byte[] bytes = Files.readAllBytes(export);
        bytes[bytes.length - 5] ^= 1;
        Files.write(export, bytes);
        Path elsewhere = tmp.resolve("other-home");

        Run imported = run(elsewhere, "p", "keys", "import", "--agent", "agent-7f3a", "--from", export.toString(),
                "--identity", identity.toString());

        assertThat(imported.code()).isEqualTo(1);
        assertThat(imported.err()).contains("truncated or tampered export");
        assertThat(elsewhere.resolve("keys/agent-7f3a/current.key")).doesNotExist();
    }

    @Test
    void keys_whenPassphraseIsWrong_saysSoInOneLineAndExitsOne() {
        run("init", "agent-7f3a");

        Run wrong = run(tmp.resolve("home"), "not it", "keys", "sign", "agent-7f3a", "--in", "pom.xml");

        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err().lines().toList()).hasSize(1);
        assertThat(wrong.err()).contains("wrong passphrase, or the file was altered");
    }

    @Test
    void init_whenNoPassphraseAndNoTerminal_explainsHowToGiveOne() {
        Run run = run(tmp.resolve("home"), null, "init", "agent-7f3a");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("set HEARTWOOD_PASSPHRASE or run heartwood in a terminal");
        assertThat(tmp.resolve("home/keys/agent-7f3a/current.key")).doesNotExist();
    }

    @Test
    void keys_whenAgentUnknown_namesItAndHowToCreateIt() {
        Run run = run("keys", "sign", "nobody", "--in", "pom.xml");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("no key for agent nobody", "heartwood init nobody");
    }

    @Test
    void keys_whenAgentIdIsInvalid_exitsTwo() {
        assertThat(run("keys", "public", "Bad Agent").code()).isEqualTo(2);
        assertThat(List.of(run("keys", "public").err())).first().asString().contains("which agent?");
    }
}
