package dev.heartwood.core.proof;

import dev.heartwood.core.heartbeat.HeartbeatRequest;
import dev.heartwood.core.heartbeat.RunHeartbeatBatch;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.transfer.AgeIdentity;
import dev.heartwood.core.identity.transfer.AgeKeyPair;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.recovery.BackupException;
import dev.heartwood.core.recovery.BackupTier;
import dev.heartwood.core.recovery.RestoreAgent;
import dev.heartwood.core.recovery.RunBackup;
import dev.heartwood.core.recovery.TrustedSigners;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import dev.heartwood.core.webhook.AnswerWebhook;
import dev.heartwood.core.webhook.WebhookAuthenticator;
import dev.heartwood.core.webhook.WebhookScheme;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Input an attacker or a misconfiguration sends: every file of {@code events/invalid/} through the
 * webhook door and the heartbeat queue door; forged, tampered, stale, replayed, oversized and
 * malformed webhooks; corrupted, truncated, swapped, misaddressed and untrusted backups through a
 * restore into an empty installation. Each must be refused with an error that says why, and a
 * snapshot of every store before and after must be the same.
 */
final class HostileInput {

    private static final Instant START = Instant.parse("2026-08-03T09:00:00Z");
    /** The agent the event fixtures address. */
    private static final AgentId FIXTURE_AGENT = AgentId.of("agent-7f3a");

    private record Verdict(String input, boolean refused, boolean clear, int changes, String detail) {
    }

    private final ProofSite site;
    private final Rehearsal rehearsal;
    private int runs;

    HostileInput(ProofSite site, Rehearsal rehearsal) {
        this.site = site;
        this.rehearsal = rehearsal;
    }

    ProofReport.Line run(List<Long> seeds, Map<String, String> invalidEvents, List<String> failures) {
        List<Verdict> verdicts = new ArrayList<>();
        int events = 0;
        int webhooks = 0;
        int backups = 0;
        for (long seed : seeds) {
            AgentId agent = AgentId.of("hostile-" + (++runs) + "-agent");
            rehearsal.moveClockTo(START.plusSeconds(86_400L * runs));
            rehearsal.create(agent);
            UseCases useCases = new UseCases(site.stores(), RuntimeSettings.DEFAULT, new EchoModel(), site.clock());
            useCases.writeMemory(Redactor.standard()).run(agent, MemoryPath.HEARTBEAT,
                    "# Heartbeat\n\n## Next actions\n\n- [ ] **hello** relay.post: hello before the attack\n",
                    new WriteCondition.Unconditional());
            useCases.runHeartbeat(Redactor.standard(), site.relay(), site.relayBase(), "hostile").run(agent);
            useCases.appendChat(Redactor.standard()).run(agent, NewChatRow.of(ChatRole.USER, "web", "a row before the attack"));
            List<AgentId> watched = List.of(agent, FIXTURE_AGENT);
            List<Verdict> seedVerdicts = new ArrayList<>();
            if (seed == seeds.get(0)) {
                List<Verdict> fromEvents = events(invalidEvents, useCases, watched);
                events += fromEvents.size();
                seedVerdicts.addAll(fromEvents);
                List<Verdict> fromWebhooks = webhooks(agent, useCases, watched);
                webhooks += fromWebhooks.size();
                seedVerdicts.addAll(fromWebhooks);
            }
            List<Verdict> fromBackups = backups(seed, agent);
            backups += fromBackups.size();
            seedVerdicts.addAll(fromBackups);
            for (Verdict v : seedVerdicts) {
                if (!v.refused() || !v.clear() || v.changes() > 0) {
                    failures.add("seed " + seed + ", hostile input " + v.input() + ": " + (v.refused() ? "" : "accepted; ")
                            + (v.clear() ? "" : "no clear error; ") + v.changes() + " store changes; " + v.detail()
                            + " — reproduce: heartwood proof --seed " + seed);
                }
            }
            verdicts.addAll(seedVerdicts);
        }
        long refused = verdicts.stream().filter(Verdict::refused).count();
        long clear = verdicts.stream().filter(Verdict::clear).count();
        int changes = verdicts.stream().mapToInt(Verdict::changes).sum();
        boolean passed = refused == verdicts.size() && clear == verdicts.size() && changes == 0 && !invalidEvents.isEmpty();
        return new ProofReport.Line("hostile input", passed, verdicts.size() + " inputs (" + invalidEvents.size()
                + " files of events/invalid × 2 doors = " + events + ", " + webhooks + " webhooks, " + backups
                + " corrupted backups): refused " + refused + "/" + verdicts.size() + ", with a clear error " + clear + "/"
                + verdicts.size() + ", store changes " + changes + " (before/after snapshot of every store)"
                + (invalidEvents.isEmpty() ? "; events/invalid not found: pass --events DIR" : ""));
    }

    private StoreSnapshot snapshot(AgentStores stores, List<AgentId> agents) {
        return StoreSnapshot.of(stores, site.relay(), site.backups(), agents);
    }

    private List<Verdict> events(Map<String, String> files, UseCases useCases, List<AgentId> watched) {
        AnswerWebhook webhook = new AnswerWebhook(WebhookAuthenticator.of(Webhooks.CHANNEL,
                WebhookScheme.hmacSha256(Webhooks.SECRET), site.clock()), useCases.takeTurn(Redactor.standard()));
        RunHeartbeatBatch worker = new RunHeartbeatBatch(useCases.runHeartbeat(Redactor.standard(), site.relay(),
                site.relayBase(), "hostile-worker"));
        List<Verdict> verdicts = new ArrayList<>();
        files.forEach((name, content) -> {
            verdicts.add(webhook("webhook door: " + name, () -> webhook.run(content), watched));
            StoreSnapshot before = snapshot(site.stores(), watched);
            List<String> failed = worker.run(List.of(new RunHeartbeatBatch.Message(name, content))).failed();
            String reason;
            try {
                HeartbeatRequest.parse(content);
                reason = "";
            } catch (IllegalArgumentException rejected) {
                reason = rejected.getMessage();
            }
            verdicts.add(new Verdict("queue door: " + name, failed.contains(name), !reason.isBlank(),
                    before.changesTo(snapshot(site.stores(), watched)), reason));
        });
        return verdicts;
    }

    private List<Verdict> webhooks(AgentId agent, UseCases useCases, List<AgentId> watched) {
        AnswerWebhook hmac = new AnswerWebhook(WebhookAuthenticator.of(Webhooks.CHANNEL,
                WebhookScheme.hmacSha256(Webhooks.SECRET), site.clock()), useCases.takeTurn(Redactor.standard()));
        AnswerWebhook telegram = new AnswerWebhook(WebhookAuthenticator.of("telegram",
                WebhookScheme.telegramSecretToken(Webhooks.TELEGRAM_TOKEN), site.clock()), useCases.takeTurn(Redactor.standard()));
        long now = site.clock().instant().getEpochSecond();
        String body = Webhooks.turn("the genuine turn");
        Map<String, String> genuine = Webhooks.signed(Webhooks.SECRET, now, body);
        AnswerWebhook.Answer accepted = hmac.run(Webhooks.event(agent, genuine, body, "rid-genuine"));
        if (accepted.status() != 200) {
            throw new IllegalStateException("the genuine webhook was not accepted: " + accepted);
        }
        byte[] wrongSecret = "an-attacker-guess-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        Map<String, String> changedDelivery = new HashMap<>(genuine);
        changedDelivery.put("x-heartwood-delivery", "replay-" + now);
        String oversized = Webhooks.turn("x".repeat(64 * 1024));
        String huge = Base64.getEncoder().encodeToString(new byte[70 * 1024]);
        Map<String, Supplier<AnswerWebhook.Answer>> inputs = new java.util.LinkedHashMap<>();
        inputs.put("forged (wrong secret)", () -> hmac.run(Webhooks.event(agent, Webhooks.signed(wrongSecret, now, body), body, "rid-1")));
        inputs.put("tampered body", () -> hmac.run(Webhooks.event(agent, genuine, Webhooks.turn("delete everything"), "rid-2")));
        inputs.put("stale (6 minutes old)", () -> hmac.run(Webhooks.event(agent, Webhooks.signed(Webhooks.SECRET, now - 360, body), body, "rid-3")));
        inputs.put("from the future (6 minutes)", () -> hmac.run(Webhooks.event(agent, Webhooks.signed(Webhooks.SECRET, now + 360, body), body, "rid-4")));
        inputs.put("unsigned", () -> hmac.run(Webhooks.event(agent, Map.of("x-heartwood-timestamp", Long.toString(now)), body, "rid-5")));
        inputs.put("malformed signature", () -> hmac.run(Webhooks.event(agent, Map.of("x-heartwood-timestamp", Long.toString(now),
                "x-heartwood-signature", "sha256=zz"), body, "rid-6")));
        inputs.put("replayed", () -> hmac.run(Webhooks.event(agent, genuine, body, "rid-7")));
        inputs.put("replayed with another delivery header", () -> hmac.run(Webhooks.event(agent, changedDelivery, body, "rid-8")));
        inputs.put("oversized (64 KiB text)", () -> hmac.run(Webhooks.event(agent, Webhooks.signed(Webhooks.SECRET, now, oversized),
                oversized, "rid-9")));
        inputs.put("oversized base64", () -> hmac.run(Webhooks.event(agent, genuine, huge, "rid-10").replace(
                "\"isBase64Encoded\":false", "\"isBase64Encoded\":true")));
        inputs.put("channel not the authenticated one", () -> {
            String other = "{\"channel\":\"elsewhere\",\"text\":\"hi\"}";
            return hmac.run(Webhooks.event(agent, Webhooks.signed(Webhooks.SECRET, now, other), other, "rid-11"));
        });
        inputs.put("signed but not JSON", () -> hmac.run(Webhooks.event(agent, Webhooks.signed(Webhooks.SECRET, now, "not json"),
                "not json", "rid-12")));
        inputs.put("telegram with a wrong token", () -> telegram.run(Webhooks.event(agent,
                Map.of("x-telegram-bot-api-secret-token", "guessed_token"), Webhooks.telegramUpdate(1, "hi"), "rid-13")));
        List<Verdict> verdicts = new ArrayList<>();
        inputs.forEach((name, call) -> {
            Verdict v = webhook("webhook " + name, call, watched);
            // A replay is answered with the turn already stored, as a sender's retry is: refused as new input.
            boolean replayAnswered = name.startsWith("replayed") && v.detail().startsWith("200 ")
                    && v.detail().equals("200 " + accepted.body());
            verdicts.add(replayAnswered ? new Verdict(v.input(), true, true, v.changes(), v.detail()) : v);
        });
        return verdicts;
    }

    private Verdict webhook(String name, Supplier<AnswerWebhook.Answer> call, List<AgentId> watched) {
        StoreSnapshot before = snapshot(site.stores(), watched);
        AnswerWebhook.Answer answer = call.get();
        int changes = before.changesTo(snapshot(site.stores(), watched));
        boolean refused = answer.status() >= 400 && answer.status() < 500;
        boolean clear = refused && !answer.body().isBlank() && answer.body().length() < 300
                && !answer.body().contains(new String(Webhooks.SECRET, StandardCharsets.UTF_8));
        return new Verdict(name, refused, clear, changes, answer.status() + " " + answer.body());
    }

    private List<Verdict> backups(long seed, AgentId agent) {
        AgeKeyPair owner = AgeKeyPair.generate();
        RunBackup backup = new RunBackup(site.stores(), site.backups(), List.of(owner.recipient()), Redactor.standard(),
                RunBackup.Retention.DEFAULT, site.clock());
        RunBackup.Result first = backup.run(agent, BackupTier.HOT);
        rehearsal.moveClockTo(site.clock().instant().plusSeconds(3600));
        new UseCases(site.stores(), RuntimeSettings.DEFAULT, new EchoModel(), site.clock()).appendChat(Redactor.standard())
                .run(agent, NewChatRow.of(ChatRole.USER, "web", "a row after the first backup"));
        RunBackup.Result second = backup.run(agent, BackupTier.HOT);
        AgentId stranger = AgentId.of("hostile-" + runs + "-stranger");
        rehearsal.create(stranger);
        RunBackup.Result strangers = new RunBackup(site.stores(), site.backups(), List.of(owner.recipient()),
                Redactor.standard(), RunBackup.Retention.DEFAULT, site.clock()).run(stranger, BackupTier.HOT);
        byte[] manifest = read(first.manifestName());
        byte[] archive = read(first.archiveName());
        AgentPublicKey key = publicKey(agent);
        TrustedSigners trusted = TrustedSigners.keys(agent, List.of(key));
        SplittableRandom random = new SplittableRandom(seed);
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int at = random.nextInt(manifest.length);
            int bit = random.nextInt(8);
            verdicts.add(restore("manifest bit " + bit + " of byte " + at + " flipped", flip(manifest, at, bit), archive,
                    trusted, owner.identity()));
            int inArchive = random.nextInt(archive.length);
            int archiveBit = random.nextInt(8);
            verdicts.add(restore("archive bit " + archiveBit + " of byte " + inArchive + " flipped", manifest,
                    flip(archive, inArchive, archiveBit), trusted, owner.identity()));
        }
        int cut = random.nextInt(archive.length);
        verdicts.add(restore("archive truncated to " + cut + " bytes", manifest, Arrays.copyOf(archive, cut), trusted,
                owner.identity()));
        int manifestCut = random.nextInt(manifest.length);
        verdicts.add(restore("manifest truncated to " + manifestCut + " bytes", Arrays.copyOf(manifest, manifestCut), archive,
                trusted, owner.identity()));
        verdicts.add(restore("archive of a later backup under this manifest", manifest, read(second.archiveName()), trusted,
                owner.identity()));
        verdicts.add(restore("manifest and archive swapped", archive, manifest, trusted, owner.identity()));
        verdicts.add(restore("empty archive", manifest, new byte[0], trusted, owner.identity()));
        verdicts.add(restore("decrypted with another identity", manifest, archive, trusted, AgeKeyPair.generate().identity()));
        AgentKey impostor = AgentKey.generate();
        verdicts.add(restore("signed by a key nobody trusts", manifest, archive, TrustedSigners.keys(agent,
                List.of(impostor.publicKey())), owner.identity()));
        impostor.destroy();
        verdicts.add(restore("another agent's backup offered as this one's", read(strangers.manifestName()),
                read(strangers.archiveName()), trusted, owner.identity()));
        return verdicts;
    }

    private Verdict restore(String name, byte[] manifest, byte[] archive, TrustedSigners trusted, AgeIdentity identity) {
        AgentStores target = site.emptyInstallation().get();
        List<AgentId> watched = List.of(trusted.agent());
        StoreSnapshot before = StoreSnapshot.of(target, site.relay(), site.backups(), watched);
        boolean refused;
        boolean clear;
        String detail;
        try {
            RestoreAgent.Result result = new RestoreAgent(target, site.relay()).run(manifest, archive, trusted, identity);
            refused = false;
            clear = false;
            detail = "restored " + result.memoryFiles() + " memory files";
        } catch (BackupException rejected) {
            refused = true;
            clear = rejected.getMessage() != null && !rejected.getMessage().isBlank();
            detail = rejected.getMessage();
        } catch (RuntimeException unexpected) {
            refused = true;
            clear = false;
            detail = "failed without a clear error: " + unexpected;
        }
        int changes = before.changesTo(StoreSnapshot.of(target, site.relay(), site.backups(), watched));
        return new Verdict("backup " + name, refused, clear, changes, detail);
    }

    private byte[] read(String name) {
        return site.backups().read(name).orElseThrow(() -> new IllegalStateException("backup " + name + " is gone"));
    }

    private AgentPublicKey publicKey(AgentId agent) {
        AgentKey key = site.stores().keys().current(agent).orElseThrow();
        try {
            return key.publicKey();
        } finally {
            key.destroy();
        }
    }

    private static byte[] flip(byte[] bytes, int at, int bit) {
        byte[] copy = bytes.clone();
        copy[at] ^= (byte) (1 << bit);
        return copy;
    }
}
