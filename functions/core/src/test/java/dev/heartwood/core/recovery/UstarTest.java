package dev.heartwood.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UstarTest {

    private static final Instant TIME = Instant.parse("2026-11-22T09:00:00Z");
    private static final String LONG_PATH = "memory/" + "a".repeat(120) + "/" + "b".repeat(90) + ".md";
    private static final List<BackupEntry> ENTRIES = List.of(
            BackupEntry.of("memory/SOUL.md", "# Soul\n"),
            BackupEntry.of("chat/rows.jsonl", "{\"role\":\"user\"}\n"),
            BackupEntry.of("control/empty.jsonl", new byte[0]),
            BackupEntry.of("identity/block.bin", binary(512)),
            BackupEntry.of(LONG_PATH, "deep\n"));

    @TempDir
    Path dir;

    @Test
    void write_whenListedByGnuTar_showsRegularFiles0600OwnedByRootAtTheBackupTime() throws IOException {
        Path tar = Files.write(dir.resolve("b.tar"), UstarWriter.write(ENTRIES, TIME));

        ReferenceTools.Output listing = ReferenceTools.run(dir, "tar", "-tvf", tar.toString());

        assertThat(listing.stderr()).isEmpty();
        assertThat(listing.text().lines().toList()).containsExactly(
                "-rw------- 0/0              16 2026-11-22 09:00 chat/rows.jsonl",
                "-rw------- 0/0               0 2026-11-22 09:00 control/empty.jsonl",
                "-rw------- 0/0             512 2026-11-22 09:00 identity/block.bin",
                "-rw------- 0/0               7 2026-11-22 09:00 memory/SOUL.md",
                "-rw------- 0/0               5 2026-11-22 09:00 " + LONG_PATH);
    }

    @Test
    void write_whenExtractedByGnuTar_givesTheSameBytes() throws IOException {
        Path tar = Files.write(dir.resolve("b.tar"), UstarWriter.write(ENTRIES, TIME));
        Path out = Files.createDirectory(dir.resolve("out"));

        ReferenceTools.run(out, "tar", "-xf", tar.toString());

        for (BackupEntry entry : ENTRIES) {
            assertThat(out.resolve(entry.path())).as(entry.path()).hasBinaryContent(entry.content());
        }
    }

    @Test
    void write_inAnyOrder_givesTheSameBytes() {
        List<BackupEntry> shuffled = new ArrayList<>(ENTRIES);
        Collections.reverse(shuffled);

        assertThat(UstarWriter.write(shuffled, TIME)).isEqualTo(UstarWriter.write(ENTRIES, TIME));
    }

    @Test
    void read_ofWrite_returnsTheEntriesSortedByPath() {
        List<BackupEntry> read = UstarReader.read(UstarWriter.write(ENTRIES, TIME));

        assertThat(read).containsExactlyElementsOf(ENTRIES.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList());
    }

    @Test
    void read_ofGnuTarUstarArchive_returnsItsFiles() throws IOException {
        Files.createDirectories(dir.resolve("memory"));
        Files.writeString(dir.resolve("memory/SOUL.md"), "# Soul\n");
        Files.write(dir.resolve("block.bin"), binary(1000));
        ReferenceTools.run(dir, "tar", "--format=ustar", "-cf", "ref.tar", "memory/SOUL.md", "block.bin");

        List<BackupEntry> read = UstarReader.read(Files.readAllBytes(dir.resolve("ref.tar")));

        assertThat(read).containsExactly(BackupEntry.of("memory/SOUL.md", "# Soul\n"), BackupEntry.of("block.bin", binary(1000)));
    }

    @Test
    void read_ofGnuFormatArchive_rejectsItAsNotUstar() throws IOException {
        Files.writeString(dir.resolve("a.md"), "a\n");
        ReferenceTools.run(dir, "tar", "--format=gnu", "-cf", "gnu.tar", "a.md");
        byte[] tar = Files.readAllBytes(dir.resolve("gnu.tar"));

        assertThatThrownBy(() -> UstarReader.read(tar)).isInstanceOf(ArchiveFormatException.class)
                .hasMessage("block 0 is not a POSIX ustar header (magic 'ustar', version '00'); GNU and v7 tar formats"
                        + " are not accepted");
    }

    @Test
    void read_ofArchiveWithADirectoryAndASymlink_rejectsNamingThem() throws IOException {
        Files.createDirectories(dir.resolve("memory"));
        Files.writeString(dir.resolve("memory/SOUL.md"), "# Soul\n");
        Files.createSymbolicLink(dir.resolve("link.md"), Path.of("/etc/passwd"));
        ReferenceTools.run(dir, "tar", "--format=ustar", "-cf", "dir.tar", "memory");
        ReferenceTools.run(dir, "tar", "--format=ustar", "-cf", "link.tar", "link.md");

        assertThatThrownBy(() -> UstarReader.read(Files.readAllBytes(dir.resolve("dir.tar"))))
                .hasMessage("entry 'memory/' at block 0 is a directory: only regular files are allowed");
        assertThatThrownBy(() -> UstarReader.read(Files.readAllBytes(dir.resolve("link.tar"))))
                .hasMessage("entry 'link.md' at block 0 is a symbolic link: only regular files are allowed");
    }

    static Stream<Arguments> badArchives() {
        byte[] good = UstarWriter.write(List.of(BackupEntry.of("memory/SOUL.md", "# Soul\n"),
                BackupEntry.of("memory/USER.md", "# User\n")), TIME);
        int end = good.length - 1024;
        return Stream.of(
                Arguments.of("cut mid-block", Arrays.copyOf(good, 600), "truncated tar: 600 bytes is not a whole number of 512-byte blocks"),
                Arguments.of("content cut", Arrays.copyOf(withHeader(good, 0, h -> octal(h, 124, 12, 2000)), 1024),
                        "truncated tar: entry 'memory/SOUL.md' declares 2000 bytes but only 512 follow"),
                Arguments.of("no end blocks", Arrays.copyOf(good, end), "truncated tar: it ends after 2 entries without the two"
                        + " zero blocks that end an archive"),
                Arguments.of("one end block", Arrays.copyOf(good, end + 512), "truncated tar: only one of the two zero blocks"
                        + " that end an archive"),
                Arguments.of("checksum", flipped(good, 3), "header checksum mismatch at block 0"),
                Arguments.of("dot-dot", withHeader(good, 2, h -> name(h, "memory/../../etc/cron.d/x")),
                        "entry path 'memory/../../etc/cron.d/x' at block 2 is not allowed: '..' would escape the backup root"),
                Arguments.of("absolute", withHeader(good, 0, h -> name(h, "/etc/passwd")),
                        "entry path '/etc/passwd' at block 0 is not allowed: it is absolute"),
                Arguments.of("duplicate", withHeader(good, 2, h -> name(h, "memory/SOUL.md")),
                        "duplicate entry 'memory/SOUL.md' at block 2"),
                Arguments.of("hard link", withHeader(good, 0, h -> h[156] = '1'), "entry 'memory/SOUL.md' at block 0 is a hard link"),
                Arguments.of("pax header", withHeader(good, 0, h -> h[156] = 'x'), "is a pax extended header"),
                Arguments.of("size not octal", withHeader(good, 0, h -> h[124] = '9'), "block 0: the size field is not an octal number"),
                Arguments.of("second end block damaged", flipped(good, good.length - 1),
                        "block 5 follows a zero block but is not zero (a damaged end of archive)"),
                Arguments.of("data after end", concat(good, flipped(new byte[512], 7)), "data after the end-of-archive blocks"),
                Arguments.of("empty", new byte[0], "truncated tar: it ends after 0 entries"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArchives")
    void read_whenArchiveIsBad_rejectsNamingTheCause(String name, byte[] tar, String cause) {
        assertThatThrownBy(() -> UstarReader.read(tar)).isInstanceOf(ArchiveFormatException.class).hasMessageContaining(cause);
    }

    @Test
    void split_pathOver100Bytes_usesThePrefixAtTheLastFittingSlash() {
        assertThat(Ustar.split("memory/SOUL.md")).containsExactly("", "memory/SOUL.md");
        assertThat(Ustar.split(LONG_PATH)).containsExactly("memory/" + "a".repeat(120), "b".repeat(90) + ".md");
        assertThat(Ustar.split("x/" + "c".repeat(101))).isNull();
    }

    private static byte[] binary(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] flipped(byte[] tar, int at) {
        byte[] copy = tar.clone();
        copy[at] ^= 0x01;
        return copy;
    }

    /** The archive with one header block changed and its checksum made right again, so only the change is wrong. */
    private static byte[] withHeader(byte[] tar, int block, Consumer<byte[]> change) {
        byte[] copy = tar.clone();
        byte[] header = Arrays.copyOfRange(copy, block * 512, block * 512 + 512);
        change.accept(header);
        byte[] checksum = String.format("%06o\0 ", Ustar.checksum(header, 0)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, header, 148, 8);
        System.arraycopy(header, 0, copy, block * 512, 512);
        return copy;
    }

    private static void name(byte[] header, String name) {
        Arrays.fill(header, 0, 100, (byte) 0);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, 0, bytes.length);
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
    }
}
