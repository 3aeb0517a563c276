package dev.heartwood.infra;

import software.amazon.awscdk.App;

/**
 * The CDK app: {@code npx aws-cdk@VERSION deploy -c relayUrl=… -c backupRecipients=age1…} from
 * {@code infra/} (see docs/deploy.md for every context value).
 */
public final class HeartwoodApp {

    private HeartwoodApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        StackSettings settings;
        try {
            settings = StackSettings.fromContext(key -> app.getNode().tryGetContext(key), System.getenv());
        } catch (IllegalArgumentException wrong) {
            System.err.println("heartwood-infra: " + wrong.getMessage());
            System.exit(2);
            return;
        }
        HeartwoodStack.create(app, settings);
        app.synth();
    }
}
