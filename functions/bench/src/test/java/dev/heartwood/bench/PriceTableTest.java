package dev.heartwood.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    @Test
    void perMillionHeartbeats_pricesEachCallFromTheTable() {
        Recording heartbeat = new Recording(List.of(
                new RecordedRequest("S3", "GetObject", 0, 1, 0),
                new RecordedRequest("S3", "PutObject", 0, 1, 0),
                new RecordedRequest("DynamoDb", "TransactWriteItems", 0, 1, 4.0),
                new RecordedRequest("DynamoDb", "Query", 0, 1, 0.5),
                new RecordedRequest("SecretsManager", "GetSecretValue", 0, 1, 0)));

        var lines = PriceTable.US_EAST_1.perMillionHeartbeats(List.of(heartbeat), 1024, 0.1);

        // Lambda 0.1 GB-s ($1.33) + request ($0.20) + Scheduler ($1.00) + GET ($0.40) + PUT ($5.00)
        // + 4 WRU ($2.50) + 0.5 RRU ($0.0625) + Secrets Manager ($5.00)
        assertThat(PriceTable.total(lines)).isCloseTo(1.33334 + 0.20 + 1.00 + 0.40 + 5.00 + 2.50 + 0.0625 + 5.00, within(1e-6));
    }

    @Test
    void perMillionHeartbeats_whenTheTableReportedNoUnits_chargesOneUnitPerCall() {
        Recording heartbeat = new Recording(List.of(new RecordedRequest("DynamoDb", "UpdateItem", 0, 1, 0)));

        var lines = PriceTable.US_EAST_1.perMillionHeartbeats(List.of(heartbeat), 1024, 0);

        assertThat(lines).anySatisfy(line -> {
            assertThat(line.item()).startsWith("DynamoDb.UpdateItem");
            assertThat(line.dollarsPerMillion()).isCloseTo(0.625, within(1e-9));
        });
    }
}
