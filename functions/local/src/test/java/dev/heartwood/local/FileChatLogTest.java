package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.ChatLogContract;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.MemoryException;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.RowId;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChatLogTest extends ChatLogContract {

    private static final Instant START = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir
    Path root;

    @Override
    protected ChatLog newChatLog() {
        return new FileChatLog(LocalHome.at(root));
    }

    private FileChatLog fileChat() {
        return (FileChatLog) chat;
    }

    private Path chatDir() {
        return LocalHome.at(root).store(StoreRole.MESSAGES_TABLE);
    }

    private Path fileOf(AgentId who) {
        return chatDir().resolve(who + ".jsonl");
    }

    /** Writes {@code count} rows straight to the file: appending 100,000 rows with an fsync each would take minutes. */
    private List<ChatRow> writeHistory(AgentId who, int count) throws IOException {
        Files.createDirectories(chatDir());
        List<ChatRow> rows = new ArrayList<>();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(fileOf(who)), 1 << 16)) {
            for (int i = 0; i < count; i++) {
                ChatRow row = new ChatRow(who, RowId.of(START.plusMillis(i), "r" + String.format("%011d", i)),
                        ChatRole.USER, "web", String.format("message %06d", i), null);
                out.write(ChatLines.row(row));
                out.write('\n');
                rows.add(row);
            }
        }
        return rows;
    }

    private static void appendRaw(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void newest_ofAHundredThousandRows_readsOnlyTheEndOfTheFile() throws IOException {
        AgentId small = newAgent();
        writeHistory(small, 1_000);
        List<ChatRow> rows = writeHistory(agent, 100_000);

        chat.newest(small, 50);
        long bytesForSmall = fileChat().lastBytesRead();
        List<ChatRow> newest = chat.newest(agent, 50);
        long bytesForLarge = fileChat().lastBytesRead();

        assertThat(newest).containsExactlyElementsOf(rows.subList(99_950, 100_000).reversed());
        assertThat(bytesForLarge).isEqualTo(bytesForSmall).isLessThanOrEqualTo(BackwardLines.BLOCK_SIZE);
        assertThat(Files.size(fileOf(agent))).isGreaterThan(300 * bytesForLarge);
    }

    @Test
    void before_aFewPagesBack_readsOnlyAsFarAsThosePages() throws IOException {
        List<ChatRow> rows = writeHistory(agent, 100_000);

        List<ChatRow> page = chat.before(agent, rows.get(99_900).id(), 50);

        assertThat(page).containsExactlyElementsOf(rows.subList(99_850, 99_900).reversed());
        assertThat(fileChat().lastBytesRead()).isLessThanOrEqualTo(2L * BackwardLines.BLOCK_SIZE);
    }

    @Test
    void newest_whenTheLastLineIsTorn_ignoresItAndTheNextAppendSealsItOff() throws IOException {
        chat.append(agent, NewChatRow.of(ChatRole.USER, "web", "one"));
        chat.append(agent, NewChatRow.of(ChatRole.ASSISTANT, "web", "two"));
        appendRaw(fileOf(agent), "{\"id\":\"2026-11-22T09:15:00.123Z#k3x9a0qz\",\"role\":\"USER\",\"chan");

        assertThat(chat.newest(agent, 10)).extracting(ChatRow::content).containsExactly("two", "one");

        ChatRow three = chat.append(agent, NewChatRow.of(ChatRole.USER, "web", "three"));

        assertThat(chat.newest(agent, 10)).extracting(ChatRow::content).containsExactly("three", "two", "one");
        assertThat(chat.newest(agent, 1)).containsExactly(three);
    }

    @Test
    void newest_whenTheWholeFileIsOneTornLine_isEmpty() throws IOException {
        Files.createDirectories(chatDir());
        Files.writeString(fileOf(agent), "{\"id\":\"2026-11-22T09:1");

        assertThat(chat.newest(agent, 10)).isEmpty();
        assertThat(chat.append(agent, NewChatRow.of(ChatRole.USER, "web", "after")).content()).isEqualTo("after");
        assertThat(chat.newest(agent, 10)).extracting(ChatRow::content).containsExactly("after");
    }

    @Test
    void delete_ofRowsOnDifferentPages_hidesThemOnEveryPage() {
        List<ChatRow> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(chat.append(agent, NewChatRow.of(ChatRole.USER, "web", "m" + i)));
        }

        chat.delete(agent, rows.get(25).id());
        chat.delete(agent, rows.get(5).id());

        List<ChatRow> firstPage = chat.newest(agent, 10);
        List<ChatRow> secondPage = chat.before(agent, firstPage.get(9).id(), 10);
        List<ChatRow> lastPage = chat.before(agent, secondPage.get(9).id(), 10);
        assertThat(firstPage).extracting(ChatRow::content).doesNotContain("m25").startsWith("m29").endsWith("m19");
        assertThat(secondPage).extracting(ChatRow::content).startsWith("m18").endsWith("m9");
        assertThat(lastPage).extracting(ChatRow::content).containsExactly("m8", "m7", "m6", "m4", "m3", "m2", "m1", "m0");
    }

    @Test
    void delete_ofARowThatIsNotThere_writesNothing() throws IOException {
        ChatRow row = chat.append(agent, NewChatRow.of(ChatRole.USER, "web", "kept"));
        long size = Files.size(fileOf(agent));

        chat.delete(agent, RowId.of(START, "nosuchrow1"));
        chat.delete(newAgent(), row.id());

        assertThat(Files.size(fileOf(agent))).isEqualTo(size);
        assertThat(chat.newest(agent, 10)).containsExactly(row);
    }

    @Test
    void append_createsTheFileAndMarkersReadableByTheOwnerOnly() throws IOException {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");

        chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "hi", "update-1"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fileOf(agent)))).isEqualTo("rw-------");
        Path marker = chatDir().resolve(agent + ".deliveries").resolve("update-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(marker))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(marker.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void append_whenTheDeliveredRowWasDeleted_appendsTheDeliveryAgain() {
        ChatRow first = chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "hi", "update-7"));
        chat.delete(agent, first.id());

        ChatRow again = chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "hi", "update-7"));

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(chat.newest(agent, 10)).containsExactly(again);
        assertThat(chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "hi", "update-7"))).isEqualTo(again);
    }

    @Test
    void append_whenACrashLeftAMarkerWithoutItsRow_appendsTheRow() throws IOException {
        chat.append(agent, NewChatRow.of(ChatRole.USER, "web", "before the crash"));
        Path markers = chatDir().resolve(agent + ".deliveries");
        Files.createDirectories(markers);
        Files.writeString(markers.resolve("update-8"), RowId.of(Instant.now(), "neverwritten").value());
        Files.writeString(markers.resolve("update-9"), "");

        ChatRow eight = chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "eight", "update-8"));
        ChatRow nine = chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "nine", "update-9"));

        assertThat(chat.newest(agent, 10)).extracting(ChatRow::content).containsExactly("nine", "eight", "before the crash");
        assertThat(chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "eight", "update-8"))).isEqualTo(eight);
        assertThat(chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "nine", "update-9"))).isEqualTo(nine);
    }

    @Test
    void append_withDeliveryIdsNoFileSystemTakesAsNames_keepsThemApartAndInsideTheMarkerFolder() throws IOException {
        List<String> deliveries = List.of("..", ".", "a:b", "Tg-1", "tg-1", "con");
        List<ChatRow> first = new ArrayList<>();
        for (String delivery : deliveries) {
            first.add(chat.append(agent, new NewChatRow(ChatRole.USER, "web", delivery, delivery)));
        }

        for (int i = 0; i < deliveries.size(); i++) {
            assertThat(chat.append(agent, new NewChatRow(ChatRole.USER, "web", "again", deliveries.get(i))))
                    .isEqualTo(first.get(i));
        }
        assertThat(chat.newest(agent, 10)).hasSize(deliveries.size());
        try (Stream<Path> markers = Files.list(chatDir().resolve(agent + ".deliveries"))) {
            assertThat(markers).hasSize(deliveries.size());
        }
        try (Stream<Path> entries = Files.list(chatDir())) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(agent + ".jsonl", agent + ".lock", agent + ".deliveries");
        }
    }

    @Test
    void append_inTheSameMillisecond_keepsTheAppendOrder() {
        ChatLog frozen = new FileChatLog(LocalHome.at(root), Clock.fixed(START, ZoneOffset.UTC));
        List<ChatRow> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(frozen.append(agent, NewChatRow.of(ChatRole.USER, "web", "m" + i)));
        }

        assertThat(rows).extracting(ChatRow::id).isSorted().doesNotHaveDuplicates();
        assertThat(frozen.newest(agent, 20)).containsExactlyElementsOf(rows.reversed());
        assertThat(frozen.before(agent, rows.get(10).id(), 3)).extracting(ChatRow::content).containsExactly("m9", "m8", "m7");
    }

    @Test
    void append_fromTwoLogsOnOneHomeAtOnce_keepsFileOrderAndIdOrderTheSame() throws Exception {
        ChatLog other = new FileChatLog(LocalHome.at(root));
        Set<RowId> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 60; i++) {
            ChatLog writer = i % 2 == 0 ? chat : other;
            int n = i;
            pool.submit(() -> ids.add(writer.append(agent, NewChatRow.of(ChatRole.USER, "web", "m" + n)).id()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<ChatRow> newest = chat.newest(agent, 100);
        assertThat(ids).hasSize(60);
        assertThat(newest).hasSize(60).extracting(ChatRow::id).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void newest_whenALineIsDamaged_failsNamingTheFileNotTheContent() throws IOException {
        chat.append(agent, NewChatRow.of(ChatRole.USER, "web", "private words"));
        appendRaw(fileOf(agent), "{\"id\":\"not-an-id\",\"content\":\"secret\"}\n");

        assertThatThrownBy(() -> chat.newest(agent, 10))
                .isInstanceOf(MemoryException.class)
                .hasMessageContaining(fileOf(agent).toString())
                .hasMessageContaining("not a chat row")
                .hasMessageNotContaining("secret")
                .hasMessageNotContaining("private words");
    }

    @Test
    void newest_whenTheLimitIsNotPositive_saysWhatItExpects() {
        assertThatThrownBy(() -> chat.newest(agent, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be at least 1, got 0");
    }
}
