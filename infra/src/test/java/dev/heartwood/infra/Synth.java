package dev.heartwood.infra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** Synthesizes the stack the way HeartwoodApp does, from context values, for the template tests. */
final class Synth {

    static final String PREFIX = "hw-test";
    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "123456789012";
    static final String RELAY = "https://relay.example.com";
    /** The age specification's example recipient. */
    static final String RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";

    private Synth() {
    }

    /** The context every test starts from: the two required values, a fixed account and region, the built zip. */
    static Map<String, Object> context() {
        Map<String, Object> context = new HashMap<>();
        context.put("prefix", PREFIX);
        context.put("region", REGION);
        context.put("account", ACCOUNT);
        context.put("relayUrl", RELAY);
        context.put("backupRecipients", RECIPIENT);
        context.put("functionZip", functionZip());
        return context;
    }

    static Map<String, Object> context(Map<String, Object> overrides) {
        Map<String, Object> context = context();
        context.putAll(overrides);
        return context;
    }

    static HeartwoodStack stack(Map<String, Object> context) {
        // Under target/, not a fresh temporary directory per synthesis: the 28 MB asset is staged
        // once there instead of being copied again for every test class.
        App app = App.Builder.create().outdir(Path.of("target", "cdk.out", "tests").toString()).context(context).build();
        return HeartwoodStack.create(app, StackSettings.fromContext(key -> app.getNode().tryGetContext(key), Map.of()));
    }

    static TemplateJson template(Map<String, Object> context) {
        return TemplateJson.of(Template.fromStack(stack(context)));
    }

    static String functionZip() {
        String zip = System.getProperty("heartwood.functionZip");
        if (zip == null) {
            throw new IllegalStateException("system property heartwood.functionZip is not set: run the tests through Maven");
        }
        return zip;
    }
}
