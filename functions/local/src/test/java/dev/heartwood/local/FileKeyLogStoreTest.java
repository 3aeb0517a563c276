package dev.heartwood.local;

import dev.heartwood.core.identity.KeyLogStore;
import dev.heartwood.core.identity.KeyLogStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileKeyLogStoreTest extends KeyLogStoreContract {

    @TempDir
    Path home;

    @Override
    protected KeyLogStore newStore() {
        return new FileKeyLogStore(LocalHome.at(home));
    }
}
