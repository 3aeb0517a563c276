package dev.heartwood.core.memory.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToolResultNoteTest {

    @Test
    void summarize_givesSizeLinesAndTheFirstLine() {
        String result = "HTTP/1.1 200 OK\nContent-Type: text/html\n\n<html>" + "x".repeat(1_179) + "</html>\n";

        String note = ToolResultNote.summarize("http.get", result);

        assertThat(note).isEqualTo("tool http.get returned 1,234 chars (4 lines): first line \"HTTP/1.1 200 OK\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "one line        | ok                 | tool t returned 2 chars (1 line): first line \"ok\"",
            "leading blanks  | '\n\n  {\"a\": 1}\n' | tool t returned 13 chars (3 lines): first line \"{\"a\": 1}\"",
            "only blanks     | '   \n\t\n'        | tool t returned 6 chars (2 lines), all blank"})
    void summarize_whenTheResultHasThisShape_saysSo(String shape, String result, String expected) {
        assertThat(ToolResultNote.summarize("t", result)).isEqualTo(expected);
    }

    @Test
    void summarize_whenTheResultIsEmpty_saysNothingCameBack() {
        assertThat(ToolResultNote.summarize("slack.post", "")).isEqualTo("tool slack.post returned nothing");
    }

    @Test
    void summarize_whenTheFirstLineIsLong_cutsItTo80CharactersWithAnEllipsis() {
        String line = "The quick brown fox jumps over the lazy dog. ".repeat(5);

        String note = ToolResultNote.summarize("search", line);
        String excerpt = note.substring(note.indexOf('"') + 1, note.length() - 1);

        assertThat(excerpt).hasSize(ToolResultNote.EXCERPT_LENGTH).endsWith("…").isEqualTo(line.substring(0, 79) + "…");
    }

    @Test
    void summarize_whenASecretStraddlesTheCut_showsNoPartOfIt() {
        String token = "ghp_" + new FakeSecrets(5).random(FakeSecrets.ALNUM, 36);
        String result = "x".repeat(70) + " " + token + " and more";

        String note = ToolResultNote.summarize("github.api", result);

        // Redacted first, cut second: the cut falls inside the placeholder, not inside the token.
        assertThat(note).doesNotContain(token.substring(0, 8)).doesNotContain(token.substring(4, 12))
                .endsWith("x [redacte…\"");
    }

    @Test
    void summarize_whenTheResultStartsWithAPrivateKey_showsOnlyThePlaceholder() {
        String pem = FakeSecrets.ed25519Pem();

        String note = ToolResultNote.summarize("fs.read", pem + "\n");

        assertThat(note).endsWith("first line \"[redacted:private-key]\"");
        pem.lines().forEach(line -> assertThat(note).doesNotContain(line));
    }

    @Test
    void summarize_withARedactorThatKnowsACanary_removesIt() {
        Redactor redactor = Redactor.standard().withCanaries(List.of("relay-password-42"));

        String note = ToolResultNote.summarize("shell.run", "login relay-password-42 ok", redactor);

        assertThat(note).isEqualTo("tool shell.run returned 26 chars (1 line): first line \"login [redacted:canary] ok\"");
    }

    @Test
    void summarize_keepsTheNoteOnOneLine() {
        String note = ToolResultNote.summarize("odd\ntool", "bell\u0007 and\ttab");

        assertThat(note).doesNotContain("\n").doesNotContain("\u0007")
                .isEqualTo("tool odd tool returned 13 chars (1 line): first line \"bell  and tab\"");
    }

    @Test
    void summarize_countsCharactersNotUtf16Units() {
        assertThat(ToolResultNote.summarize("t", "ok 🌱")).isEqualTo("tool t returned 4 chars (1 line): first line \"ok 🌱\"");
    }

    @Test
    void summarize_whenToolNameIsBlank_isRefused() {
        assertThatThrownBy(() -> ToolResultNote.summarize(" ", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tool name is empty");
    }
}
