package dev.heartwood.infra;

import static dev.heartwood.infra.TemplateJson.list;
import static dev.heartwood.infra.TemplateJson.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Least privilege, read off the template: one role per function with exactly the actions its
 * adapters call (functions/aws), named resources everywhere, and the narrowing the layout allows.
 */
class IamTest {

    static final Set<String> KMS_VIA_STORES = Set.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey");
    static final Set<String> LOGS = Set.of("logs:CreateLogStream", "logs:PutLogEvents");
    static final Set<String> SIGNING_KEY = Set.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");
    static final Set<String> HEARTBEAT = union(LOGS, KMS_VIA_STORES, SIGNING_KEY, Set.of(
            "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:ListBucketVersions",
            "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"));
    /** What the adapters call, per function; the SQS event source adds the worker's queue reads. */
    static final Map<FunctionKind, Set<String>> ACTIONS = Map.of(
            FunctionKind.HEARTBEAT, HEARTBEAT,
            FunctionKind.WORKER, union(HEARTBEAT, Set.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl",
                    "sqs:DeleteMessage", "sqs:GetQueueAttributes")),
            FunctionKind.DISPATCH, union(LOGS, KMS_VIA_STORES, Set.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem",
                    "dynamodb:DeleteItem", "dynamodb:UpdateItem", "sqs:GetQueueUrl", "sqs:SendMessage")),
            FunctionKind.WEBHOOK, union(LOGS, KMS_VIA_STORES, Set.of("s3:GetObject", "dynamodb:Query", "dynamodb:GetItem",
                    "dynamodb:PutItem")),
            FunctionKind.BACKUP, union(LOGS, SIGNING_KEY, Set.of("kms:Decrypt", "kms:DescribeKey", "s3:GetObject",
                    "s3:ListBucketVersions", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "dynamodb:Query",
                    "dynamodb:GetItem")));

    static TemplateJson template;

    @BeforeAll
    static void synthesize() {
        template = Synth.template(Synth.context());
    }

    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void functionRole_whenSynthesized_grantsExactlyTheActionsItsAdaptersCall(FunctionKind kind) {
        assertThat(actions(statementsOfRole(template, roleOf(template, kind)))).isEqualTo(new TreeSet<>(ACTIONS.get(kind)));
    }

    @Test
    void functions_whenSynthesized_haveOneRoleEach() {
        Set<String> roles = new TreeSet<>();
        for (FunctionKind kind : FunctionKind.values()) {
            String role = roleOf(template, kind);
            roles.add(role);
            Map<String, Object> trust = map(template.propertiesOf(role).get("AssumeRolePolicyDocument"));
            assertThat(map(list(trust.get("Statement")).getFirst()).get("Principal")).isEqualTo(Map.of("Service", "lambda.amazonaws.com"));
            assertThat(template.propertiesOf(role)).doesNotContainKey("ManagedPolicyArns");
        }
        assertThat(roles).hasSize(FunctionKind.values().length);
    }

    /** Every statement of every identity and resource policy; "*" only where AWS requires it. */
    @Test
    void everyPolicyStatement_whenSynthesized_namesItsResources() {
        List<String> wildcards = new ArrayList<>();
        for (Map.Entry<String, Object> entry : template.resources().entrySet()) {
            Map<String, Object> resource = map(entry.getValue());
            for (Map<String, Object> statement : statementsIn(resource)) {
                for (Object target : list(statement.get("Resource"))) {
                    if ("*".equals(target)) {
                        wildcards.add(resource.get("Type") + " " + entry.getKey());
                    }
                }
                // A Deny may cover every action (the TLS-only policies do); an Allow never.
                for (Object action : list(statement.get("Action"))) {
                    if (String.valueOf(action).endsWith("*") && "Allow".equals(statement.get("Effect"))
                            && !"AWS::KMS::Key".equals(resource.get("Type"))) {
                        wildcards.add(resource.get("Type") + " " + entry.getKey() + " action " + action);
                    }
                }
            }
        }
        // The one exception: in a key policy, Resource "*" means this key (AWS allows nothing else
        // there), and its one statement delegates the key to the account's IAM policies.
        String key = template.idOf("AWS::KMS::Key", p -> true);
        assertThat(wildcards).containsExactly("AWS::KMS::Key " + key);
        assertThat(statementsIn(map(template.resources().get(key)))).hasSize(1);
    }

    @Test
    void memoryAndBackupObjects_whenGranted_stayUnderTheirPrefixes() {
        for (FunctionKind kind : FunctionKind.values()) {
            for (Map<String, Object> statement : statementsOfRole(template, roleOf(template, kind))) {
                List<String> actions = list(statement.get("Action")).stream().map(String::valueOf).toList();
                if (actions.stream().anyMatch(a -> a.startsWith("s3:") && a.contains("Object"))) {
                    for (Object resource : list(statement.get("Resource"))) {
                        assertThat(String.valueOf(resource)).as(kind + " " + actions).containsAnyOf("/agents/*", "/backups/*");
                    }
                }
                if (actions.contains("s3:ListBucket") || actions.contains("s3:ListBucketVersions")) {
                    assertThat(statement.get("Condition")).as(kind + " listing").isIn(
                            Map.of("StringLike", Map.of("s3:prefix", List.of("agents/*"))),
                            Map.of("StringLike", Map.of("s3:prefix", List.of("backups/*"))));
                }
            }
        }
    }

    @Test
    void onlyTheBackupFunction_whenGranted_writesBackups_andOnlyHeartbeatsWriteMemory() {
        for (FunctionKind kind : FunctionKind.values()) {
            for (Map<String, Object> statement : statementsOfRole(template, roleOf(template, kind))) {
                if (list(statement.get("Action")).contains("s3:PutObject")) {
                    String expected = kind == FunctionKind.BACKUP ? "/backups/*" : "/agents/*";
                    assertThat(kind).isIn(FunctionKind.BACKUP, FunctionKind.HEARTBEAT, FunctionKind.WORKER);
                    assertThat(list(statement.get("Resource")).toString()).as(kind.name()).contains(expected);
                }
            }
        }
    }

    @Test
    void agentFunctions_whenTheyUseTheControlTable_stayOutOfTheRosterPartitions() {
        for (FunctionKind kind : List.of(FunctionKind.HEARTBEAT, FunctionKind.WORKER, FunctionKind.BACKUP)) {
            Map<String, Object> control = statement(kind, "ControlItems");
            assertThat(control.get("Condition")).as(kind.name())
                    .isEqualTo(Map.of("ForAllValues:StringNotLike", Map.of("dynamodb:LeadingKeys", List.of("dispatch#*"))));
        }
        assertThat(statementsOfRole(template, roleOf(template, FunctionKind.WEBHOOK)))
                .as("the webhook never reads the control table or an agent key")
                .noneSatisfy(s -> assertThat(String.valueOf(s.get("Resource"))).containsAnyOf("ControlTable", "secretsmanager"));
    }

    @Test
    void dispatch_whenSynthesized_staysInTheRosterPartitions_exceptForMovingAgentPointers() {
        Map<String, Object> roster = statement(FunctionKind.DISPATCH, "RosterItems");
        assertThat(roster.get("Condition")).isEqualTo(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("dispatch#*"))));
        assertThat(list(statement(FunctionKind.DISPATCH, "AgentPointers").get("Action"))).containsExactly("dynamodb:UpdateItem");
    }

    @Test
    void storeEncryption_whenGranted_worksOnlyThroughS3AndDynamoDb() {
        for (FunctionKind kind : FunctionKind.values()) {
            Map<String, Object> condition = map(map(statement(kind, "StoreEncryption").get("Condition")).get("StringEquals"));
            assertThat(list(condition.get("kms:ViaService"))).as(kind.name()).isNotEmpty()
                    .allSatisfy(service -> assertThat(String.valueOf(service)).matches("(s3|dynamodb)\\.eu-west-1\\.amazonaws\\.com"));
        }
    }

    @Test
    void signingKeys_inSecretsManager_areReadOnlyUnderTheInstallationsPrefix() {
        for (FunctionKind kind : List.of(FunctionKind.HEARTBEAT, FunctionKind.WORKER, FunctionKind.BACKUP)) {
            assertThat(String.valueOf(statement(kind, "AgentKeys").get("Resource"))).as(kind.name())
                    .contains(":secretsmanager:eu-west-1:123456789012:secret:hw-test/agents/*");
        }
    }

    @Test
    void signingKeys_inTheKmsVault_decryptOnlyDataKeysSealedForSigning() {
        TemplateJson kms = Synth.template(Synth.context(Map.of("keyVault", "kms")));
        for (FunctionKind kind : List.of(FunctionKind.HEARTBEAT, FunctionKind.WORKER, FunctionKind.BACKUP)) {
            List<Map<String, Object>> statements = statementsOfRole(kms, roleOf(kms, kind));
            Map<String, Object> keys = statements.stream().filter(s -> "AgentKeys".equals(s.get("Sid"))).findFirst().orElseThrow();
            assertThat(keys.get("Action")).isEqualTo("kms:Decrypt");
            assertThat(keys.get("Condition")).isEqualTo(Map.of("StringEquals", Map.of("kms:EncryptionContext:heartwood:purpose", "signing-key")));
            assertThat(actions(statements)).as(kind.name()).noneMatch(a -> a.startsWith("secretsmanager:"));
        }
    }

    @Test
    void bedrock_whenConfigured_isInvokedOnTheConfiguredModelOnly() {
        String model = "eu.anthropic.claude-3-5-haiku-20241022-v1:0";
        TemplateJson bedrock = Synth.template(Synth.context(Map.of("modelProvider", "bedrock", "model", model)));
        for (FunctionKind kind : FunctionKind.values()) {
            List<Map<String, Object>> invoke = statementsOfRole(bedrock, roleOf(bedrock, kind)).stream()
                    .filter(s -> list(s.get("Action")).contains("bedrock:InvokeModel")).toList();
            if (kind == FunctionKind.DISPATCH || kind == FunctionKind.BACKUP) {
                assertThat(invoke).as(kind.name()).isEmpty();
                continue;
            }
            assertThat(invoke).as(kind.name()).hasSize(1);
            String resources = String.valueOf(invoke.getFirst().get("Resource"));
            assertThat(resources).contains("::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0")
                    .contains(":inference-profile/" + model);
        }
    }

    // ---- shared with the other template tests ----

    static String roleOf(TemplateJson template, FunctionKind kind) {
        Map<String, Object> function = template.with("AWS::Lambda::Function", "FunctionName", Synth.PREFIX + "-" + kind.handlerName());
        return (String) list(map(function.get("Role")).get("Fn::GetAtt")).getFirst();
    }

    /** The statements of every inline policy attached to the role, and of the role's own Policies. */
    static List<Map<String, Object>> statementsOfRole(TemplateJson template, String roleId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        template.ofType("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> properties = TemplateJson.properties(policy);
            if (list(properties.get("Roles")).contains(TemplateJson.ref(roleId))) {
                statements.addAll(statementsOf(properties.get("PolicyDocument")));
            }
        });
        list(template.propertiesOf(roleId).get("Policies")).forEach(p -> statements.addAll(statementsOf(map(p).get("PolicyDocument"))));
        return statements;
    }

    private Map<String, Object> statement(FunctionKind kind, String sid) {
        return statementsOfRole(template, roleOf(template, kind)).stream().filter(s -> sid.equals(s.get("Sid"))).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " has no statement " + sid));
    }

    /** Statements of a resource's identity or resource policy, whatever the property is called. */
    static List<Map<String, Object>> statementsIn(Map<String, Object> resource) {
        Map<String, Object> properties = TemplateJson.properties(resource);
        List<Map<String, Object>> statements = new ArrayList<>();
        for (String property : List.of("PolicyDocument", "KeyPolicy")) {
            if (properties.containsKey(property)) {
                statements.addAll(statementsOf(properties.get(property)));
            }
        }
        list(properties.get("Policies")).forEach(p -> statements.addAll(statementsOf(map(p).get("PolicyDocument"))));
        return statements;
    }

    private static List<Map<String, Object>> statementsOf(Object document) {
        return list(map(document).get("Statement")).stream().map(TemplateJson::map).toList();
    }

    private static Set<String> actions(List<Map<String, Object>> statements) {
        Set<String> actions = new TreeSet<>();
        statements.forEach(s -> list(s.get("Action")).forEach(a -> actions.add(String.valueOf(a))));
        return actions;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
