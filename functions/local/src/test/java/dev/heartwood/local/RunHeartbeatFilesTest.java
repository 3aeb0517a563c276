package dev.heartwood.local;

import dev.heartwood.core.heartbeat.RunHeartbeatContract;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The heartbeat's promises on the embedded default: lock-file lease, file journal, memory files. */
class RunHeartbeatFilesTest extends RunHeartbeatContract {

    @TempDir
    Path home;

    @Override
    protected HeartbeatStores newStores(Clock clock) {
        LocalHome local = LocalHome.at(home);
        return new HeartbeatStores(new FileMemoryStore(local), new FileJournal(local), new FileLeaseStore(local, clock));
    }
}
