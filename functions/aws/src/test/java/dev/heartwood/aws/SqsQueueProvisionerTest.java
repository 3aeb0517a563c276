package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqsQueueProvisionerTest {

    private static final String WANTED = "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:1:d.fifo\",\"maxReceiveCount\":\"5\"}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:1:d.fifo\",\"maxReceiveCount\":\"5\"}   | true",
            "{\"maxReceiveCount\": 5, \"deadLetterTargetArn\": \"arn:aws:sqs:eu-west-1:1:d.fifo\"} | true",
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:1:d.fifo\",\"maxReceiveCount\":\"3\"}   | false",
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:1:other.fifo\",\"maxReceiveCount\":5} | false"})
    void sameRedrive_comparesTargetAndCountWhateverTheJsonStyle(String actual, boolean same) {
        assertThat(SqsQueueProvisioner.sameRedrive(WANTED, actual)).isEqualTo(same);
    }

    @Test
    void sameRedrive_whenQueueHasNoPolicy_isFalse() {
        assertThat(SqsQueueProvisioner.sameRedrive(WANTED, null)).isFalse();
    }
}
