package dev.heartwood.core.dispatch;

import dev.heartwood.core.identity.AgentId;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * How the roster is split so that ticks read it in parallel: an agent's shard is the CRC-32 of its
 * id modulo {@code count}. CRC-32 is fixed by its specification, so every JVM and every release
 * puts an agent in the same shard; changing {@code count} moves most agents, so a roster built
 * with one count must be registered again before it is read with another.
 */
public record Shards(int count) {

    public static final int DEFAULT_COUNT = 16;
    public static final int MAX_COUNT = 100;

    public Shards {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("shards: expected 1-" + MAX_COUNT + ", got " + count);
        }
    }

    public static Shards of(int count) {
        return new Shards(count);
    }

    public int of(AgentId agent) {
        CRC32 crc = new CRC32();
        crc.update(agent.value().getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }

    /** @throws IllegalArgumentException naming the field when {@code shard} is not one of these shards */
    public int require(int shard) {
        if (shard < 0 || shard >= count) {
            throw new IllegalArgumentException("shard: expected 0-" + (count - 1) + ", got " + shard);
        }
        return shard;
    }
}
