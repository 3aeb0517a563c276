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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** memory, chat and context of the shipped jar with {@code --aws}: S3 for files, DynamoDB for chat. */
@AwsIntegrationTest
class MemoryJarIT {

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
        assertThat(heartwood("", "--aws", "bootstrap").code()).isZero();
        Run init = heartwood("", "--aws", "init", "agent-s3");
        assertThat(init.code()).as(init.err()).isZero();
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private Run heartwood(String stdin, String... args) throws IOException, InterruptedException {
        Map<String, String> env = new java.util.HashMap<>(emulator.environment());
        env.put("HEARTWOOD_PREFIX", prefix);
        HeartwoodJar.Run run = new HeartwoodJar(tmp, env).run(Map.of(), stdin, args);
        return new Run(run.code(), run.out(), run.err());
    }

    @Test
    void memory_onS3_isSeededVersionedRedactedAndUndoable() throws Exception {
        Run write = heartwood("# Memory\nuse token ghp_" + "1234567890abcdefghijKLMNOPQRSTuvwxyz" + " for the repo\n",
                "--aws", "memory", "write", "agent-s3", "MEMORY.md");
        String stored = clients.s3().getObjectAsBytes(b -> b.bucket(prefix + "-memory").key("agents/agent-s3/MEMORY.md"))
                .asUtf8String();
        Run undo = heartwood("", "--aws", "memory", "undo", "agent-s3", "MEMORY.md");

        assertThat(write.code()).as(write.err()).isZero();
        assertThat(stored).contains("[redacted:api-token]").doesNotContain("ghp_1234567890");
        assertThat(undo.code()).as(undo.err()).isZero();
        assertThat(heartwood("", "--aws", "memory", "cat", "agent-s3", "MEMORY.md").out()).contains("Long-term memory of agent-s3");
        assertThat(heartwood("", "--aws", "memory", "history", "agent-s3", "MEMORY.md").out().lines()
                .filter(l -> !l.isBlank())).hasSize(3);
        assertThat(heartwood("", "--aws", "memory", "ls", "agent-s3").out()).contains("SOUL.md", "HEARTBEAT.md");
    }

    @Test
    void chatAndContext_onDynamoDb_shareTheHistoryAndReadInOneWave() throws Exception {
        heartwood("", "--aws", "chat", "append", "agent-s3", "--channel", "web", "--text", "from the browser");
        heartwood("", "--aws", "chat", "append", "agent-s3", "--channel", "telegram", "--text", "from the phone",
                "--delivery-id", "tg-1");
        heartwood("", "--aws", "chat", "append", "agent-s3", "--channel", "telegram", "--text", "from the phone",
                "--delivery-id", "tg-1");

        Run tail = heartwood("", "--aws", "chat", "tail", "agent-s3");
        Run context = heartwood("", "--aws", "context", "agent-s3", "--sizes-only");

        assertThat(tail.out().lines().filter(l -> l.contains("@"))).hasSize(2);
        assertThat(tail.out()).contains("user@web: from the browser", "user@telegram: from the phone");
        assertThat(clients.dynamoDb().query(b -> b.tableName(prefix + "-agent_messages")
                .keyConditionExpression("app_id = :a").expressionAttributeValues(
                        Map.of(":a", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("agent-s3"))))
                .count()).isEqualTo(2);
        assertThat(context.code()).as(context.err()).isZero();
        assertThat(context.out()).contains("11 storage reads in one wave", "chat (newest 2 rows)", "SOUL.md");
    }
}
