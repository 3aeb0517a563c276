package dev.heartwood.local;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.RowId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which row each delivery became: {@code {agent}.deliveries/{deliveryId}} holding the row id, so a
 * repeated delivery is recognised by opening one file instead of reading the history.
 */
final class DeliveryMarkers {

    /**
     * Delivery ids may be {@code ..}, contain {@code :} or differ only in case, none of which every
     * file system can take as a name; those are stored under a hash instead. {@code ~} never occurs
     * in a delivery id, so a hashed name cannot be mistaken for a plain one.
     */
    private static final Pattern PLAIN_NAME = Pattern.compile("(?!(con|prn|aux|nul|com\\d|lpt\\d)$)[a-z0-9][a-z0-9_-]*");

    private final Path chatDir;

    DeliveryMarkers(Path chatDir) {
        this.chatDir = chatDir;
    }

    /**
     * Records that {@code deliveryId} became {@code row}, unless an earlier row claimed it.
     *
     * @return the row the earlier claim names, which may since have been deleted or never written
     */
    Optional<RowId> claim(AgentId agent, String deliveryId, RowId row) throws IOException {
        Path marker = path(agent, deliveryId);
        if (AtomicFiles.createNew(marker, row.value().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        try {
            return Optional.of(RowId.parse(Files.readString(marker, StandardCharsets.UTF_8).strip()));
        } catch (IllegalArgumentException e) {
            // CREATE_NEW and the write after it are two steps: a crash between them leaves an empty
            // marker that names no row, so the delivery was never appended.
            reassign(agent, deliveryId, row);
            return Optional.empty();
        }
    }

    /** Points the delivery at {@code row}: its earlier row is gone. Callers hold the agent's append lock. */
    void reassign(AgentId agent, String deliveryId, RowId row) throws IOException {
        AtomicFiles.write(path(agent, deliveryId), row.value().getBytes(StandardCharsets.UTF_8));
    }

    Path path(AgentId agent, String deliveryId) {
        return chatDir.resolve(agent.value() + ".deliveries").resolve(fileName(deliveryId));
    }

    static String fileName(String deliveryId) {
        if (PLAIN_NAME.matcher(deliveryId).matches()) {
            return deliveryId;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(deliveryId.getBytes(StandardCharsets.UTF_8));
            return "~" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
