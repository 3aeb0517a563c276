package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.bootstrap.TableSpec;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.ChatLogContract;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.MemoryException;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@AwsIntegrationTest
class DynamoDbChatLogIT extends ChatLogContract {

    private final AwsEmulator emulator;
    private final AwsClients clients;
    private final String table;
    private final RequestCounter requests = new RequestCounter();
    private final SdkHttpClient countedHttp = UrlConnectionHttpClient.create();
    private final DynamoDbClient counted;

    DynamoDbChatLogIT(AwsEmulator emulator) {
        this.emulator = emulator;
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        StorePlan plan = StorePlan.forInstallation(StoreNames.withPrefix(emulator.uniquePrefix()), 5);
        TableSpec messages = plan.stores().stream().filter(s -> s.role() == StoreRole.MESSAGES_TABLE)
                .map(TableSpec.class::cast).findFirst().orElseThrow();
        new DynamoDbTableProvisioner(clients).ensure(messages);
        table = messages.name();
        AwsSettings settings = clients.settings();
        DynamoDbClientBuilder builder = DynamoDbClient.builder().region(settings.region())
                .credentialsProvider(settings.credentials()).httpClient(countedHttp)
                .overrideConfiguration(o -> o.addExecutionInterceptor(requests));
        settings.endpoint(AwsService.DYNAMODB).ifPresent(builder::endpointOverride);
        counted = builder.build();
    }

    @AfterEach
    void close() {
        counted.close();
        countedHttp.close();
        clients.close();
    }

    @Override
    protected ChatLog newChatLog() {
        return new DynamoDbChatLog(clients, table);
    }

    /** Every HTTP request the counted client sends, by operation name, retries included. */
    private static final class RequestCounter implements ExecutionInterceptor {
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sent.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    private List<String> requestsOf(Runnable call) {
        requests.sent.clear();
        call.run();
        return List.copyOf(requests.sent);
    }

    @Test
    void newest_isOneQueryWhateverTheHistorysLength() {
        ChatLog log = new DynamoDbChatLog(counted, clients.settings(), table);
        AgentId shortHistory = newAgent();
        for (int i = 0; i < 10; i++) {
            log.append(shortHistory, NewChatRow.of(ChatRole.USER, "web", "short " + i));
        }
        List<ChatRow> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(log.append(agent, NewChatRow.of(i % 2 == 0 ? ChatRole.USER : ChatRole.ASSISTANT, "web", "long " + i)));
        }

        List<String> forShort = requestsOf(() -> assertThat(log.newest(shortHistory, 50)).hasSize(10));
        List<String> forLong = requestsOf(() -> assertThat(log.newest(agent, 50))
                .containsExactlyElementsOf(rows.subList(950, 1_000).reversed()));
        List<String> pageBack = requestsOf(() -> assertThat(log.before(agent, rows.get(500).id(), 50))
                .containsExactlyElementsOf(rows.subList(450, 500).reversed()));

        assertThat(forShort).containsExactly("Query");
        assertThat(forLong).containsExactly("Query");
        assertThat(pageBack).containsExactly("Query");
    }

    @Test
    void append_ofAPlainRowIsOnePut_andOfADeliveryOneTransaction() {
        ChatLog log = new DynamoDbChatLog(counted, clients.settings(), table);

        assertThat(requestsOf(() -> log.append(agent, NewChatRow.of(ChatRole.USER, "web", "plain")))).containsExactly("PutItem");
        assertThat(requestsOf(() -> log.append(agent, new NewChatRow(ChatRole.USER, "telegram", "hi", "update-1"))))
                .containsExactly("TransactWriteItems");
    }

    @Test
    void append_whenTheContentIsOverTheItemLimit_refusesItAndWritesNothing() {
        String huge = "private words ".repeat(DynamoDbChatLog.MAX_CONTENT_BYTES / 14) + "x".repeat(DynamoDbChatLog.MAX_CONTENT_BYTES % 14 + 1);

        assertThatThrownBy(() -> chat.append(agent, NewChatRow.of(ChatRole.TOOL, "web", huge)))
                .isInstanceOf(MemoryException.class)
                .hasMessageContaining("chat of agent " + agent + " in table " + table)
                .hasMessageContaining((DynamoDbChatLog.MAX_CONTENT_BYTES + 1) + " bytes")
                .hasMessageContaining("at most " + DynamoDbChatLog.MAX_CONTENT_BYTES + " bytes")
                .hasMessageNotContaining("private words");
        assertThat(chat.newest(agent, 10)).isEmpty();
    }

    @Test
    void append_whenTheContentIsJustUnderTheLimit_storesItWhole() {
        String large = "é".repeat(DynamoDbChatLog.MAX_CONTENT_BYTES / 2);

        ChatRow row = chat.append(agent, new NewChatRow(ChatRole.TOOL, "web", large, "big-1"));

        assertThat(chat.newest(agent, 1)).containsExactly(row);
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
    void append_whenADeleteLeftTheMarkerBehind_appendsTheDeliveryAgain() {
        ChatRow first = chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "hi", "update-8"));
        // What a delete cut off between its two requests leaves: the row gone, its marker still there.
        clients.dynamoDb().deleteItem(b -> b.tableName(table).key(Map.of(
                StorePlan.MESSAGES_PARTITION_KEY, AttributeValue.fromS(agent.value()),
                StorePlan.MESSAGES_SORT_KEY, AttributeValue.fromS(first.id().value()))));

        ChatRow again = chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "hi", "update-8"));

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(chat.newest(agent, 10)).containsExactly(again);
    }

    @Test
    void append_inTheSameMillisecond_keepsTheAppendOrder() {
        ChatLog frozen = new DynamoDbChatLog(clients, table, Clock.fixed(Instant.parse("2026-11-22T09:00:00Z"), ZoneOffset.UTC));
        List<ChatRow> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(frozen.append(agent, NewChatRow.of(ChatRole.USER, "web", "m" + i)));
        }

        assertThat(frozen.newest(agent, 10)).containsExactlyElementsOf(rows.reversed());
    }

    @Test
    void newest_whenDynamoDbIsUnreachable_failsWithOneLineNamingAgentAndTable() {
        Map<String, String> env = new HashMap<>(emulator.unreachable().environment());
        // Long enough for the DynamoDB client's retries (up to 9 attempts, backoff capped near 6.4 s in all) to run out,
        // so the line names the refused connection rather than the timeout.
        env.put("HEARTWOOD_AWS_CALL_TIMEOUT", "30s");
        try (AwsClients unreachable = new AwsClients(AwsSettings.fromEnvironment(env))) {
            ChatLog offline = new DynamoDbChatLog(unreachable, table);

            assertThatThrownBy(() -> offline.newest(agent, 50))
                    .isInstanceOf(MemoryException.class)
                    .hasMessageStartingWith("chat of agent " + agent + " in table " + table
                            + ": cannot reach DynamoDB at " + env.get("AWS_ENDPOINT_URL") + ": ConnectException")
                    .hasMessageNotContaining("\n");
        }
    }
}
