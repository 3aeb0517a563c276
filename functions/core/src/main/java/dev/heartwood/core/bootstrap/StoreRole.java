package dev.heartwood.core.bootstrap;

/** What each store is for; its base name ends every AWS resource name and names the local directory. */
public enum StoreRole {
    MEMORY_BUCKET("memory"),
    BACKUP_BUCKET("backups"),
    MESSAGES_TABLE("agent_messages"),
    CONTROL_TABLE("control"),
    DEAD_LETTER_QUEUE("heartbeat-dlq"),
    HEARTBEAT_QUEUE("heartbeat");

    private final String baseName;

    StoreRole(String baseName) {
        this.baseName = baseName;
    }

    public String baseName() {
        return baseName;
    }
}
