package dev.heartwood.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reasons LoopbackRelay (the reference relay) gives, and the status each becomes on the wire. */
class RejectionStatusTest {

    @ParameterizedTest(name = "{1} for \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "agent scout is not registered | 404",
        "agent scout is registered with genesis key did:key:z6Mk1; this key log does not extend it | 409",
        "agent scout: the message body has no messageId | 400",
        "agent scout: the message body is not JSON | 400",
        "agent id 'Scout' is not valid: expected 1-64 lowercase letters | 400",
        "agent scout: the key log is empty | 400",
        "expected POST https://relay/v1/agents/{agentId}/messages, got GET /x | 400",
        "message is addressed to https://elsewhere, not this relay (https://relay) | 400",
        "expected GET https://relay/v1/agents/{agentId}/inbox, got POST /x | 400",
        "agent bob: recipient nobody is not registered | 404",
        "agent bob: field to 42 is not valid: expected the agentId of a registered agent as a string | 400",
        "agent ana: query limit '500' is not valid: expected a whole number from 1 to 100 | 400",
        "agent ana: query after is not valid: given more than once | 400",
        "agent scout: unknown or expired challenge; ask for a new one | 401",
        "agent scout: the proof is not a signature of the challenge by did:key:z6Mk1 | 401",
        "agent scout: signature does not verify with key did:key:z6Mk1 | 401",
        "agent scout: body does not match Content-Digest (sha-256) | 401",
        "agent scout: nonce abc was already used (replay) | 401",
        "agent scout: key log broken at entry 1: rotation not signed by the outgoing key did:key:z6Mk1 | 401",
        "agent scout: its key was revoked | 401",
    })
    void of_whenGivenALoopbackRelayReason_choosesTheStatus(String reason, int status) {
        assertThat(RejectionStatus.of(reason)).isEqualTo(status);
    }
}
