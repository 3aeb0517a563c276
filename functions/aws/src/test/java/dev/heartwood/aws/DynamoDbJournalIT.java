package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.bootstrap.TableSpec;
import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.JournalContract;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.Lease;
import dev.heartwood.core.heartbeat.LeaseStore;
import dev.heartwood.core.heartbeat.OutboxMessage;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@AwsIntegrationTest
class DynamoDbJournalIT extends JournalContract {

    private final AwsClients clients;
    private final String table;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    DynamoDbJournalIT(AwsEmulator emulator) {
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        StorePlan plan = StorePlan.forInstallation(StoreNames.withPrefix(emulator.uniquePrefix()), 5);
        TableSpec control = plan.stores().stream().filter(s -> s.role() == StoreRole.CONTROL_TABLE)
                .map(TableSpec.class::cast).findFirst().orElseThrow();
        new DynamoDbTableProvisioner(clients).ensure(control);
        table = control.name();
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Override
    protected Journal newJournal() {
        return new DynamoDbJournal(clients, table);
    }

    @Override
    protected LeaseStore leasesBeside(Clock clock) {
        return new DynamoDbLeaseStore(clients, table, clock);
    }

    @Override
    protected Optional<OutboxMessage> storedMessage(JournalEntry entry) {
        var response = clients.dynamoDb().getItem(b -> b.tableName(table).consistentRead(true)
                .key(JournalItems.outboxKey(entry.agent(), entry.messageId())));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(JournalItems.message(entry.agent(), response.item(), "outbox item"))
                : Optional.empty();
    }

    /** A journal on a client of its own, built like AwsClients builds one, that notes every request it sends. */
    private DynamoDbJournal countingJournal() {
        AwsSettings settings = clients.settings();
        DynamoDbClient counted = DynamoDbClient.builder()
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .endpointOverride(settings.endpoint(AwsService.DYNAMODB).orElseThrow())
                .overrideConfiguration(o -> o.apiCallTimeout(settings.apiCallTimeout())
                        .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                                requests.add(context.request().getClass().getSimpleName());
                            }
                        }))
                .build();
        return new DynamoDbJournal(counted, settings, table);
    }

    @Test
    void startWithAMessage_resumeAndFinish_takeOneRequestEach() {
        DynamoDbJournal counted = countingJournal();
        JournalEntry entry = JournalEntry.started(agent, TASK, SLOT, 1, NOW);
        OutboxMessage message = OutboxMessage.pending(agent, entry.messageId(), "{\"text\":\"hi\"}");

        counted.start(entry, Optional.of(message));
        assertThat(requests).containsExactly("TransactWriteItemsRequest");

        requests.clear();
        assertThat(counted.open(agent)).containsExactly(new Journal.OpenEntry(entry, Optional.of(message)));
        assertThat(requests).containsExactly("QueryRequest");

        requests.clear();
        counted.finish(entry.finished(JournalEntry.Status.DONE, "sent"),
                Optional.of(new OutboxMessage(agent, message.id(), message.body(), true, 9)));
        assertThat(requests).containsExactly("TransactWriteItemsRequest");
    }

    @Test
    void finishReleasing_withTheLeaseInTheSameTable_isOneTransaction() {
        DynamoDbJournal counted = countingJournal();
        LeaseStore leases = leasesBeside(Clock.systemUTC());
        Lease lease = leases.acquire(agent, "worker-a", Duration.ofMinutes(5)).orElseThrow();
        JournalEntry entry = JournalEntry.started(agent, TASK, SLOT, lease.fencingToken(), NOW);
        OutboxMessage message = OutboxMessage.pending(agent, entry.messageId(), "{\"text\":\"hi\"}");
        counted.start(entry, Optional.of(message));
        requests.clear();

        counted.finishReleasing(entry.finished(JournalEntry.Status.DONE, "sent"),
                Optional.of(new OutboxMessage(agent, message.id(), message.body(), true, 9)), lease, leases);

        assertThat(requests).containsExactly("TransactWriteItemsRequest");
        assertThat(leases.acquire(agent, "worker-b", Duration.ofMinutes(5))).isPresent();
    }

    @Test
    void startWithoutAMessage_isOnePlainConditionalPut() {
        DynamoDbJournal counted = countingJournal();

        counted.start(JournalEntry.started(agent, TASK, SLOT, 1, NOW), Optional.empty());

        assertThat(requests).containsExactly("PutItemRequest");
    }

    @Test
    void aRepeatedWrite_thatAlreadyLanded_succeeds_asAnSdkRetryAfterALostResponseMust() {
        JournalEntry entry = JournalEntry.started(agent, TASK, SLOT, 1, NOW);
        journal.start(entry, Optional.empty());
        journal.start(entry, Optional.empty());
        JournalEntry done = entry.finished(JournalEntry.Status.DONE, "ok");

        journal.finish(done, Optional.empty());
        journal.finish(done, Optional.empty());

        assertThat(journal.find(agent, TASK, SLOT)).contains(done);
    }
}
