package dev.heartwood.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The synthesized templates pass cfn-lint (pinned in the root pom, installed from PyPI on first
 * run) with no error: the default installation and one with every optional part switched on.
 * Warnings are printed, not failed on.
 */
class CfnLintIT {

    static List<Arguments> installations() {
        return List.of(
                Arguments.of("defaults", Map.of()),
                Arguments.of("everything", Map.of(
                        "keyVault", "kms",
                        "alarmEmail", "ops@example.com",
                        "agents", "agent-7f3a,agent-b21e",
                        "replicaBucket", "hw-test-b-backups",
                        "replicaRegion", "eu-central-1",
                        "modelProvider", "bedrock",
                        "model", "eu.anthropic.claude-3-5-haiku-20241022-v1:0",
                        "webhookScheme", "telegram-secret-token")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void synthesizedTemplate_whenLinted_hasNoErrors(String name, Map<String, Object> overrides) throws Exception {
        Path out = Path.of(System.getProperty("heartwood.cdkOut", "target/cdk.out")).resolve(name);
        Files.createDirectories(out);
        App app = App.Builder.create().outdir(out.toString()).context(Synth.context(overrides)).build();
        HeartwoodStack stack = HeartwoodStack.create(app, StackSettings.fromContext(key -> app.getNode().tryGetContext(key), Map.of()));
        CloudAssembly assembly = app.synth();
        Path template = Path.of(assembly.getStackByName(stack.getStackName()).getTemplateFullPath());

        CfnLint.Result result = cfnLint().lint(template, out.resolve("cfn-lint.txt"));

        result.lines().forEach(line -> System.out.println("cfn-lint " + name + ": " + line));
        assertThat(result.hasErrors()).as("cfn-lint errors in %s (exit %d):%n%s", template, result.exitCode(),
                String.join("\n", result.lines())).isFalse();
    }

    /** The harness reports what cfn-lint finds: a template with a wrong property type fails. */
    @Test
    void templateWithAnError_whenLinted_reportsTheError() throws Exception {
        Path out = Path.of(System.getProperty("heartwood.cdkOut", "target/cdk.out")).resolve("broken");
        Files.createDirectories(out);
        Path template = Files.writeString(out.resolve("broken.template.json"),
                "{\"Resources\":{\"Queue\":{\"Type\":\"AWS::SQS::Queue\",\"Properties\":{\"VisibilityTimeout\":\"soon\"}}}}");
        CfnLint.Result result = cfnLint().lint(template, out.resolve("cfn-lint.txt"));
        assertThat(result.hasErrors()).as("exit %d: %s", result.exitCode(), result.lines()).isTrue();
        assertThat(String.join("\n", result.lines())).contains(":E3012:").contains("'soon' is not of type 'integer'");
    }

    private static CfnLint cfnLint() {
        return new CfnLint(cacheRoot(), System.getProperty("heartwood.cfnLintVersion", "1.58.0"),
                Path.of("target", "cfn-lint-install.log"));
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }
}
