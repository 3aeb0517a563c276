package dev.heartwood.core.memory;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A chat row about to be appended; the store gives it its {@link RowId}. */
public record NewChatRow(ChatRole role, String channel, String content, String deliveryId) {

    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    // '=', '+' and '/' because real ids carry them: API Gateway request ids are base64 ("cW4tYhHgDoEEMbQ=").
    private static final Pattern DELIVERY = Pattern.compile("[A-Za-z0-9._:=+/-]{1,128}");

    public NewChatRow {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        channel = requireChannel(channel);
        if (deliveryId != null && !DELIVERY.matcher(deliveryId).matches()) {
            throw new IllegalArgumentException("delivery id must be 1-128 of letters, digits, '.', '_', ':', '=', '+', '/' or '-'");
        }
    }

    public static NewChatRow of(ChatRole role, String channel, String content) {
        return new NewChatRow(role, channel, content, null);
    }

    public Optional<String> delivery() {
        return Optional.ofNullable(deliveryId);
    }

    static String requireChannel(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("channel '" + channel + "' is not valid: expected a lowercase name"
                    + " such as web, mobile, telegram or cli");
        }
        return channel;
    }
}
