package dev.heartwood.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** Synthesis itself: no CDK warning or error is left unanswered, with every optional part switched on. */
class SynthesisTest {

    @Test
    void synthesis_withEveryOption_leavesNoWarningOrError() {
        HeartwoodStack stack = Synth.stack(Synth.context(Map.of("keyVault", "kms", "alarmEmail", "ops@example.com",
                "agents", "agent-7f3a", "replicaBucket", "hw-b-backups", "replicaRegion", "eu-central-1",
                "modelProvider", "bedrock", "model", "anthropic.claude-3-5-haiku-20241022-v1:0")));
        Annotations annotations = Annotations.fromStack(stack);
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.anyValue());
        List<SynthesisMessage> errors = annotations.findError("*", Match.anyValue());
        assertThat(warnings).extracting(m -> m.getId() + ": " + m.getEntry().getData()).isEmpty();
        assertThat(errors).extracting(m -> m.getId() + ": " + m.getEntry().getData()).isEmpty();
    }
}
