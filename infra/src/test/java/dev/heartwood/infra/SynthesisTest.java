package dev.heartwood.infra;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/** Synthesis itself: no CDK warning or error is left unanswered, with every optional part switched on. */
class SynthesisTest {

    @Test
    void synthesis_withEveryOption_leavesNoWarningOrError() {
        HeartwoodStack stack = Synth.stack(Synth.context(Map.of("keyVault", "kms", "alarmEmail", "ops@example.com",
                "agents", "agent-7f3a", "replicaBucket", "hw-b-backups", "replicaRegion", "eu-central-1",
                "modelProvider", "bedrock", "model", "anthropic.claude-3-5-haiku-20241022-v1:0")));
        Annotations annotations = Annotations.fromStack(stack);
        // Each throws naming every message it found.
        annotations.hasNoWarning("*", Match.anyValue());
        annotations.hasNoError("*", Match.anyValue());
    }
}
