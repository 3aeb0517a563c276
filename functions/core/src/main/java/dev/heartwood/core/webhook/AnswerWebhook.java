package dev.heartwood.core.webhook;

import dev.heartwood.core.heartbeat.TakeTurn;
import java.util.Objects;

/**
 * A webhook turn from the raw API Gateway event to the answer: parse, authenticate, read the turn,
 * then take it. Every check happens before anything is written, so a forged, stale, oversized or
 * malformed request is answered 4xx and changes nothing. The delivery id makes a redelivered
 * request return the same answer without storing or asking twice.
 */
public final class AnswerWebhook {

    /** The HTTP answer: 200 with the assistant's text, or a 4xx with the reason. */
    public record Answer(int status, String body) {
        public Answer {
            Objects.requireNonNull(body, "body");
        }
    }

    private final WebhookAuthenticator authenticator;
    private final TakeTurn turn;

    public AnswerWebhook(WebhookAuthenticator authenticator, TakeTurn turn) {
        this.authenticator = authenticator;
        this.turn = turn;
    }

    public Answer run(String apiGatewayEvent) {
        TurnRequest request;
        Authentication.Accepted accepted;
        try {
            WebhookRequest parsed = WebhookRequests.parseApiGatewayV2(apiGatewayEvent);
            accepted = switch (authenticator.authenticate(parsed)) {
                case Authentication.Accepted ok -> ok;
                case Authentication.Rejected rejected -> throw new WebhookRejected(rejected.status(), rejected.reason());
            };
            request = TurnRequest.from(parsed);
            if (!request.channel().equals(accepted.channel())) {
                throw new WebhookRejected(403, "the body says channel " + request.channel()
                        + " but the request was authenticated for channel " + accepted.channel());
            }
        } catch (WebhookRejected rejected) {
            return new Answer(rejected.status(), rejected.reason());
        }
        TakeTurn.Turn taken = turn.run(request.agentId(), request.channel(), request.text(), accepted.deliveryId());
        return new Answer(200, taken.assistant().content());
    }
}
