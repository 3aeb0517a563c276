package dev.heartwood.relay;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.identity.signature.RequestSigner;
import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.Registration;
import dev.heartwood.local.LoopbackRelay;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A real {@link LoopbackRelay} served by {@link RelayHttpServer} on a loopback port, and an
 * {@link HttpRelay} pointed at it: the whole protocol, both ends, in one process.
 */
final class LoopbackOverHttp implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final RelayHttpServer server;
    final LoopbackRelay loopback;
    final HttpRelay client;

    LoopbackOverHttp(Path dir) {
        server = RelayHttpServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        loopback = new LoopbackRelay(dir, server.baseUri(), clock);
        server.start(loopback);
        client = new HttpRelay(server.baseUri());
    }

    /** Registers a fresh agent through the client and returns its key log. */
    KeyLog register(AgentId agent, AgentKey key) {
        KeyLog log = KeyLog.empty(agent).append(KeyLog.genesis(agent, key, NOW.minusSeconds(60)));
        register(log, key);
        return log;
    }

    Registration register(KeyLog log, AgentKey signer) {
        Challenge challenge = client.challenge(log.agent());
        return client.register(log, challenge, signer.sign(challenge.bytesToSign()));
    }

    KeyLog rotate(KeyLog log, AgentKey current, AgentKey next) {
        KeyLogEntry entry = log.rotation(current, next, NOW.minusSeconds(30));
        client.rotate(entry);
        return log.append(entry);
    }

    URI messagesUri(AgentId agent) {
        return URI.create(server.baseUri() + "/v1/agents/" + agent.value() + "/messages");
    }

    /** A message signed the Heartwood way, addressed to the agent's messages endpoint. */
    HttpMessage signed(AgentId agent, AgentKey key, String messageId) {
        return signedJson(agent, key, "{\"messageId\":\"" + messageId + "\",\"text\":\"hello\"}");
    }

    HttpMessage signedJson(AgentId agent, AgentKey key, String json) {
        HttpMessage unsigned = HttpMessage.of("POST", messagesUri(agent),
                List.of(new HttpMessage.Field("Content-Type", "application/json")), json.getBytes(StandardCharsets.UTF_8));
        return new RequestSigner(key, clock, Duration.ofMinutes(5)).sign(unsigned).message();
    }

    /** A read of a page of the agent's inbox, signed the Heartwood way with {@code key}. */
    HttpMessage signedRead(AgentId agent, AgentKey key, long after, int limit) {
        URI target = URI.create(server.baseUri() + "/v1/agents/" + agent.value() + "/inbox?after=" + after + "&limit=" + limit);
        return new RequestSigner(key, clock, Duration.ofMinutes(5)).sign(HttpMessage.of("GET", target, new byte[0])).message();
    }

    @Override
    public void close() {
        server.close();
    }
}
