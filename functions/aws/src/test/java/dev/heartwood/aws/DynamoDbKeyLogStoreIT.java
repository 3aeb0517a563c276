package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.bootstrap.TableSpec;
import dev.heartwood.core.identity.KeyLogStore;
import dev.heartwood.core.identity.KeyLogStoreContract;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import org.junit.jupiter.api.AfterEach;

@AwsIntegrationTest
class DynamoDbKeyLogStoreIT extends KeyLogStoreContract {

    private final AwsClients clients;
    private final String table;

    DynamoDbKeyLogStoreIT(AwsEmulator emulator) {
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        StorePlan plan = StorePlan.forInstallation(StoreNames.withPrefix(emulator.uniquePrefix()), 5);
        TableSpec control = plan.stores().stream().filter(s -> s.role() == StoreRole.CONTROL_TABLE)
                .map(TableSpec.class::cast).findFirst().orElseThrow();
        new DynamoDbTableProvisioner(clients).ensure(control);
        table = control.name();
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Override
    protected KeyLogStore newStore() {
        return new DynamoDbKeyLogStore(clients, table);
    }
}
