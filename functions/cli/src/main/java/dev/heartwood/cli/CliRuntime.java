package dev.heartwood.cli;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsService;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.aws.DynamoDbTableProvisioner;
import dev.heartwood.aws.S3BucketProvisioner;
import dev.heartwood.aws.SqsQueueProvisioner;
import dev.heartwood.core.bootstrap.BootstrapStores;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.local.DirectoryStoreProvisioner;
import dev.heartwood.local.LocalHome;
import java.nio.file.Path;
import java.util.Map;

/**
 * The CLI's one wiring place: turns the global options and the environment into the adapters a
 * command needs, local by default and AWS with {@code --aws}. AWS clients are built only when a
 * command asks for them, and closed with the runtime.
 */
final class CliRuntime implements AutoCloseable {

    static final String HOME_VARIABLE = "HEARTWOOD_HOME";
    static final String PREFIX_VARIABLE = "HEARTWOOD_PREFIX";

    private final boolean aws;
    private final LocalHome home;
    private final StoreNames names;
    private final Map<String, String> environment;
    private AwsClients clients;

    private CliRuntime(boolean aws, LocalHome home, StoreNames names, Map<String, String> environment) {
        this.aws = aws;
        this.home = home;
        this.names = names;
        this.environment = environment;
    }

    /** @throws IllegalArgumentException naming the option or variable that is wrong */
    static CliRuntime from(HeartwoodCli options) {
        Map<String, String> env = options.environment;
        LocalHome home = options.home != null ? LocalHome.at(options.home)
                : env.containsKey(HOME_VARIABLE) && !env.get(HOME_VARIABLE).isBlank()
                        ? LocalHome.at(Path.of(env.get(HOME_VARIABLE)))
                        : LocalHome.defaultHome(env);
        String prefix = options.prefix != null ? options.prefix
                : env.getOrDefault(PREFIX_VARIABLE, StoreNames.DEFAULT_PREFIX);
        return new CliRuntime(options.aws, home, StoreNames.withPrefix(prefix), env);
    }

    boolean aws() {
        return aws;
    }

    StoreNames names() {
        return names;
    }

    /** One line saying where the command acts, so a user never bootstraps the wrong account by surprise. */
    String describeTarget() {
        if (!aws) {
            return "embedded default at " + home.root();
        }
        AwsSettings settings = awsClients().settings();
        return "AWS region " + settings.region().id() + ", prefix " + names.prefix()
                + (settings.endpoints().isEmpty() ? ""
                        : " (S3 at " + settings.describeEndpoint(AwsService.S3) + ", DynamoDB at "
                                + settings.describeEndpoint(AwsService.DYNAMODB) + ", SQS at "
                                + settings.describeEndpoint(AwsService.SQS) + ")");
    }

    BootstrapStores bootstrapStores() {
        if (!aws) {
            var directories = new DirectoryStoreProvisioner(home);
            return new BootstrapStores(directories, directories, directories);
        }
        AwsClients aws = awsClients();
        return new BootstrapStores(new S3BucketProvisioner(aws), new DynamoDbTableProvisioner(aws),
                new SqsQueueProvisioner(aws));
    }

    private AwsClients awsClients() {
        if (clients == null) {
            clients = new AwsClients(AwsSettings.fromEnvironment(environment));
        }
        return clients;
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
    }
}
