package dev.heartwood.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingTest {

    private static RecordedRequest call(String type, long start, long end) {
        int dot = type.indexOf('.');
        return new RecordedRequest(type.substring(0, dot), type.substring(dot + 1), start, end, 0);
    }

    @Test
    void waves_whenCallsOverlap_countThemAsOneWave() {
        Recording heartbeat = new Recording(List.of(
                call("DynamoDb.UpdateItem", 0, 10),
                call("S3.GetObject", 11, 20),
                call("DynamoDb.Query", 12, 25),
                call("S3.PutObject", 26, 30),
                call("DynamoDb.UpdateItem", 31, 35)));

        assertThat(heartbeat.waves()).isEqualTo(4);
        assertThat(heartbeat.waveOutline()).containsExactly("DynamoDb.UpdateItem", "S3.GetObject + DynamoDb.Query",
                "S3.PutObject", "DynamoDb.UpdateItem");
    }

    @Test
    void waves_followTheLongestChainNotTheNumberOfCalls() {
        // A long call beside a chain of three short ones: the chain is the critical path.
        Recording recording = new Recording(List.of(
                call("S3.GetObject", 0, 100),
                call("DynamoDb.GetItem", 0, 10),
                call("DynamoDb.GetItem", 20, 30),
                call("DynamoDb.GetItem", 40, 50)));

        assertThat(recording.waves()).isEqualTo(3);
    }

    @Test
    void waves_whenNothingWasCalled_areZero() {
        assertThat(new Recording(List.of()).waves()).isZero();
        assertThat(new Recording(List.of()).busyNanos()).isZero();
    }

    @Test
    void busyNanos_countOverlapsOnce() {
        Recording recording = new Recording(List.of(call("S3.GetObject", 0, 10), call("S3.GetObject", 5, 20),
                call("S3.PutObject", 30, 40)));

        assertThat(recording.busyNanos()).isEqualTo(30);
    }

    @Test
    void byType_countsPerServiceAndOperation() {
        Recording recording = new Recording(List.of(call("S3.GetObject", 0, 1), call("S3.GetObject", 2, 3),
                call("DynamoDb.Query", 4, 5)));

        assertThat(recording.byType()).containsExactly(java.util.Map.entry("DynamoDb.Query", 1L),
                java.util.Map.entry("S3.GetObject", 2L));
    }
}
