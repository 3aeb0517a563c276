package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.dispatch.DueAgent;
import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How the dispatch roster looks as control-table items: roster items under
 * {@code dispatch#shard-{nn}} / {@code {nextWake}#{agentId}}, each agent's pointer under
 * {@code {agentId}} / {@code dispatch}, the shard count under {@code dispatch#roster} / {@code shards}.
 */
final class RosterItems {

    static final String PK = StorePlan.CONTROL_PARTITION_KEY;
    static final String SK = StorePlan.CONTROL_SORT_KEY;
    static final String POINTER_ITEM = "dispatch";
    static final String CONFIG_PARTITION = "dispatch#roster";
    static final String CONFIG_ITEM = "shards";
    static final String EVERY = "every_s";
    static final String NEXT_WAKE = "next_wake";
    static final String ROSTER_PARTITION = "roster_partition";
    static final String ROSTER_ITEM = "roster_item";
    static final String SHARD_COUNT = "shard_count";
    private static final String AGENT = "agent";

    private RosterItems() {
    }

    static String partition(int shard) {
        return String.format("dispatch#shard-%02d", shard);
    }

    /** DueAgent keeps whole seconds from 1970 to 9999, so this text has one width and sorts by time. */
    static String sortKey(DueAgent entry) {
        return entry.nextWake() + "#" + entry.agent().value();
    }

    static Map<String, AttributeValue> rosterItem(DueAgent entry, String partition) {
        return Map.of(PK, s(partition), SK, s(sortKey(entry)), AGENT, s(entry.agent().value()),
                NEXT_WAKE, s(entry.nextWake().toString()), EVERY, n(entry.every().getSeconds()));
    }

    /** @throws RuntimeException when the item is not a roster entry */
    static DueAgent dueAgent(Map<String, AttributeValue> item) {
        return new DueAgent(AgentId.of(item.get(AGENT).s()), Instant.parse(item.get(NEXT_WAKE).s()),
                Duration.ofSeconds(Long.parseLong(item.get(EVERY).n())));
    }

    /** The agent's own item naming its roster item; wake and cadence are copies, for a human reading the table. */
    static Map<String, AttributeValue> pointerItem(DueAgent entry, String partition) {
        return Map.of(PK, s(entry.agent().value()), SK, s(POINTER_ITEM), ROSTER_PARTITION, s(partition),
                ROSTER_ITEM, s(sortKey(entry)), NEXT_WAKE, s(entry.nextWake().toString()), EVERY,
                n(entry.every().getSeconds()));
    }

    static Map<String, AttributeValue> pointerKey(AgentId agent) {
        return key(agent.value(), POINTER_ITEM);
    }

    /** The key of the roster item a pointer names. */
    static Map<String, AttributeValue> rosterKey(Map<String, AttributeValue> pointer) {
        return Map.of(PK, pointer.get(ROSTER_PARTITION), SK, pointer.get(ROSTER_ITEM));
    }

    static Map<String, AttributeValue> configItem(int shards) {
        return Map.of(PK, s(CONFIG_PARTITION), SK, s(CONFIG_ITEM), SHARD_COUNT, n(shards));
    }

    static Map<String, AttributeValue> key(String partition, String item) {
        return Map.of(PK, s(partition), SK, s(item));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
