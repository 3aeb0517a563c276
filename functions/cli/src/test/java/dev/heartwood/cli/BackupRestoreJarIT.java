package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code heartwood backup} and {@code heartwood restore} of the shipped jar on the embedded
 * default, moving an agent from one home to another: the archive opens with the reference
 * {@code age} and {@code tar}, the memory comes back, and a tampered archive restores nothing.
 */
class BackupRestoreJarIT {

    private static final String AGENT = "agent-moved";
    private static final String USER_MD = "# User\n\nAda. Prefers short morning notes. ✓\n";
    private static final Pattern BACKED_UP = Pattern.compile("Backed up " + AGENT + " \\(hot\\) to backup directory (\\S+)\n");
    private static final Pattern ARCHIVE = Pattern.compile("  archive     (\\S+) \\(");

    @TempDir
    Path tmp;

    private Path backupIdentity;
    private String backupRecipient;
    private Path archive;
    private Path backupDir;

    private HeartwoodJar.Run inHome(String home, String stdin, String... args) throws IOException, InterruptedException {
        return new HeartwoodJar(tmp, Map.of("HEARTWOOD_HOME", tmp.resolve(home).toString(),
                "HEARTWOOD_PASSPHRASE", "passphrase of " + home)).run(Map.of(), stdin, args);
    }

    private HeartwoodJar.Run inA(String... args) throws IOException, InterruptedException {
        return inHome("home-a", "", args);
    }

    private HeartwoodJar.Run inB(String... args) throws IOException, InterruptedException {
        return inHome("home-b", "", args);
    }

    /** Runs a reference tool; returns its standard output, failing the test on a non-zero exit. */
    private static String tool(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }

    /** {@code age-keygen -o FILE}: returns the recipient (age1…) of the new identity file. */
    private static String ageKeygen(Path file) throws IOException, InterruptedException {
        tool("age-keygen", "-o", file.toString());
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("# public key: ")).findFirst().orElseThrow()
                .substring("# public key: ".length());
    }

    @BeforeEach
    void backUpAnAgentInHomeA() throws Exception {
        backupIdentity = tmp.resolve("backup-identity.txt");
        backupRecipient = ageKeygen(backupIdentity);
        HeartwoodJar.Run init = inA("init", AGENT);
        assertThat(init.code()).as(init.err()).isZero();
        HeartwoodJar.Run write = inHome("home-a", USER_MD, "memory", "write", AGENT, "USER.md");
        assertThat(write.code()).as(write.err()).isZero();

        HeartwoodJar.Run backup = inA("backup", AGENT, "--to", backupRecipient);

        assertThat(backup.code()).as(backup.err()).isZero();
        Matcher dir = BACKED_UP.matcher(backup.out());
        Matcher name = ARCHIVE.matcher(backup.out());
        assertThat(dir.find() && name.find()).as(backup.out()).isTrue();
        backupDir = Path.of(dir.group(1));
        archive = backupDir.resolve(name.group(1));
        assertThat(backupDir).startsWith(tmp.resolve("home-a"));
    }

    /** {@code keys export} in home A, {@code keys import} in home B, as the restore's help says to. */
    private void moveTheKeyToHomeB() throws Exception {
        Path transferIdentity = tmp.resolve("transfer-identity.txt");
        String transferRecipient = ageKeygen(transferIdentity);
        Path export = tmp.resolve(AGENT + ".key.age");
        HeartwoodJar.Run exported = inA("keys", "export", AGENT, "--to", transferRecipient, "--out", export.toString());
        HeartwoodJar.Run imported = inB("keys", "import", AGENT, "--from", export.toString(),
                "--identity", transferIdentity.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(imported.code()).as(imported.err()).isZero();
    }

    @Test
    void backup_opensWithTheReferenceAgeAndTar() throws Exception {
        String listing = tool("bash", "-c", "set -o pipefail; age -d -i \"$1\" \"$2\" | tar -t", "age-and-tar",
                backupIdentity.toString(), archive.toString());
        String user = tool("bash", "-c", "set -o pipefail; age -d -i \"$1\" \"$2\" | tar -xO memory/USER.md", "age-and-tar",
                backupIdentity.toString(), archive.toString());

        assertThat(listing.lines()).containsExactly("chat/rows.jsonl", "control/journal.jsonl", "identity/keylog.jsonl",
                "identity/public.pem", "memory/AGENTS.md", "memory/HEARTBEAT.md", "memory/IDENTITY.md", "memory/MEMORY.md",
                "memory/SOUL.md", "memory/TOOLS.md", "memory/USER.md");
        assertThat(user).isEqualTo(USER_MD);
        assertThat(Files.readString(archive.resolveSibling(archive.getFileName().toString()
                .replace(".tar.age", ".manifest.json")))).contains("\"agentId\":\"" + AGENT + "\"");
    }

    @Test
    void restore_intoAnotherHome_afterTheKeyMoved_bringsTheMemoryBack() throws Exception {
        moveTheKeyToHomeB();

        HeartwoodJar.Run restore = inB("restore", AGENT, "--backups", backupDir.toString(),
                "--identity", backupIdentity.toString());

        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored " + AGENT + " from " + AGENT + "/hot/", "memory files   7")
                .doesNotContain("Next: import the agent's key");
        HeartwoodJar.Run cat = inB("memory", "cat", AGENT, "USER.md");
        assertThat(cat.code()).as(cat.err()).isZero();
        assertThat(cat.out()).isEqualTo(USER_MD);
        assertThat(inB("keys", "public", AGENT).out()).isEqualTo(inA("keys", "public", AGENT).out());
    }

    @Test
    void restore_ofATamperedArchive_exitsOneNamingTheCheckAndTheNewHomeHasNoMemory() throws Exception {
        moveTheKeyToHomeB();
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length - 20] ^= 0x01;
        Files.write(archive, bytes);

        HeartwoodJar.Run restore = inB("restore", AGENT, "--backups", backupDir.toString(),
                "--identity", backupIdentity.toString());

        assertThat(restore.code()).isEqualTo(1);
        assertThat(restore.err().lines()).hasSize(1).first().asString()
                .startsWith("heartwood: backup rejected, archive hash mismatch: " + archive.getFileName());
        assertThat(restore.out()).doesNotContain("Restored");
        HeartwoodJar.Run ls = inB("memory", "ls", AGENT);
        assertThat(ls.code()).as(ls.err()).isZero();
        assertThat(ls.out()).contains("(no memory files for " + AGENT);
    }
}
