package dev.heartwood.core.dispatch;

class InMemoryDueIndexTest extends DueIndexContract {

    private InMemoryDueIndex shared;

    @Override
    protected DueIndex newIndex(int shards) {
        // One roster for every index of a test, as two adapters over one table would share it.
        if (shared == null) {
            shared = new InMemoryDueIndex(shards);
        }
        return shared;
    }
}
