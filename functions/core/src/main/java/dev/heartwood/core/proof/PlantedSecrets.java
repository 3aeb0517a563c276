package dev.heartwood.core.proof;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.transfer.AgeKeyPair;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.FileVersion;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.memory.redaction.SecretType;
import dev.heartwood.core.recovery.BackupArchive;
import dev.heartwood.core.recovery.BackupEntry;
import dev.heartwood.core.recovery.BackupException;
import dev.heartwood.core.recovery.BackupTier;
import dev.heartwood.core.recovery.RunBackup;
import dev.heartwood.core.recovery.TrustedSigners;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * K planted secrets of every detector type through each door secrets come in by: a chat message,
 * a tool's output (stored as a one-line note with an excerpt), and a memory edit. Afterwards
 * every place they could end up is searched for them: every version of every memory file, every
 * chat row, a backup of the agent (decrypted), and every log line and report line of the proof.
 * The canaries are configured secret values (HEARTWOOD_SECRET_VARIABLES) and the agent's own key.
 */
final class PlantedSecrets {

    private static final Instant START = Instant.parse("2026-07-06T09:00:00Z");

    private final ProofSite site;
    private final Rehearsal rehearsal;
    private final Supplier<List<String>> logs;
    private final List<String> refusals = new ArrayList<>();
    private int runs;

    /** @param logs every line logged or printed so far: the proof's own output is a log too */
    PlantedSecrets(ProofSite site, Rehearsal rehearsal, Supplier<List<String>> logs) {
        this.site = site;
        this.rehearsal = rehearsal;
        this.logs = logs;
    }

    ProofReport.Line run(List<Long> seeds, int perType, List<String> failures) {
        Map<String, Integer> found = new java.util.LinkedHashMap<>();
        for (String place : List.of("memory", "chat rows", "backups", "logs")) {
            found.put(place, 0);
        }
        int planted = 0;
        List<Planted> all = new ArrayList<>();
        for (long seed : seeds) {
            List<Planted> plants = plant(seed, perType);
            planted += plants.size();
            all.addAll(plants);
            for (Planted p : plants) {
                p.where.forEach(place -> found.merge(place, 1, Integer::sum));
            }
        }
        List<String> scannedLogs = logs.get();
        for (Planted p : all) {
            if (scannedLogs.stream().anyMatch(p.secret::foundIn)) {
                found.merge("logs", 1, Integer::sum);
                p.where.add("logs");
            }
            if (!p.where.isEmpty()) {
                failures.add("seed " + p.seed + ": a " + p.secret.type().label() + " secret planted through " + p.door
                        + " was found in " + String.join(", ", p.where) + " — reproduce: heartwood proof --seed " + p.seed);
            }
        }
        failures.addAll(refusals);
        int total = found.values().stream().mapToInt(Integer::intValue).sum() + refusals.size();
        return new ProofReport.Line("secrets", total == 0, planted + " secrets planted (" + perType + " of each of "
                + SecretType.values().length + " detector types through chat, tool output and memory edits, "
                + seeds.size() + " seeds): found in memory " + found.get("memory") + ", chat rows " + found.get("chat rows")
                + ", backups " + found.get("backups") + ", logs " + found.get("logs"));
    }

    private static final class Planted {
        final long seed;
        final SecretSamples.Secret secret;
        final String door;
        final List<String> where = new ArrayList<>();

        Planted(long seed, SecretSamples.Secret secret, String door) {
            this.seed = seed;
            this.secret = secret;
            this.door = door;
        }
    }

    private List<Planted> plant(long seed, int perType) {
        SecretSamples samples = new SecretSamples(seed);
        AgentId agent = AgentId.of("secrets-" + (++runs) + "-agent");
        rehearsal.moveClockTo(START.plusSeconds(3600L * runs));
        rehearsal.create(agent);
        List<String> doors = List.of("chat", "tool output", "memory edits");
        List<String> canaries = samples.canaries(doors.size() * perType);
        RuntimeSettings settings = new RuntimeSettings(RuntimeSettings.DEFAULT.limits(), RuntimeSettings.DEFAULT.budget(),
                RuntimeSettings.DEFAULT.leaseTtl(), RuntimeSettings.DEFAULT.modelMaxTokens(), canaries);
        Redactor redactor;
        String ownSeed;
        AgentKey key = site.stores().keys().current(agent).orElseThrow();
        try {
            redactor = settings.redactor().withAgentKey(key);
            ownSeed = Base64.getUrlEncoder().withoutPadding().encodeToString(key.seed());
        } finally {
            key.destroy();
        }
        UseCases useCases = new UseCases(site.stores(), settings, new EchoModel(), site.clock());
        List<Planted> plants = new ArrayList<>();
        for (int d = 0; d < doors.size(); d++) {
            String door = doors.get(d);
            List<SecretSamples.Secret> secrets = new ArrayList<>(samples.standard(perType));
            for (int i = 0; i < perType; i++) {
                // Every canary value goes through one door only, so a leak names its door; the agent's own
                // key goes through the door the seed picks.
                String canary = i == 0 && d == Math.floorMod(seed, doors.size()) ? ownSeed : canaries.get(d * perType + i);
                secrets.add(new SecretSamples.Secret(SecretType.CANARY, "the value is " + canary, canary));
            }
            int n = 0;
            for (SecretSamples.Secret secret : secrets) {
                n++;
                plants.add(new Planted(seed, secret, door));
                switch (door) {
                    case "chat" -> useCases.appendChat(redactor).run(agent, new NewChatRow(ChatRole.USER, "web",
                            "here it is: " + secret.carrier(), null));
                    // The secret at any column of the first line, also across the note's excerpt cut.
                    case "tool output" -> useCases.appendChat(redactor).run(agent, new NewChatRow(ChatRole.TOOL, "http-get",
                            samples.filler(0, 100) + secret.carrier() + "\nstatus: ok\n", null));
                    default -> useCases.writeMemory(redactor).run(agent, MemoryPath.of("notes/plant-" + n + ".md"),
                            "# Note " + n + "\n\n" + samples.filler(0, 60) + secret.carrier() + "\n",
                            new WriteCondition.Unconditional());
                }
            }
        }
        List<String> memory = memoryTexts(agent);
        List<String> chat = site.stores().chat().all(agent).stream().map(ChatRow::content).toList();
        List<String> backup = backupTexts(agent, redactor);
        for (Planted p : plants) {
            if (memory.stream().anyMatch(p.secret::foundIn)) {
                p.where.add("memory");
            }
            if (chat.stream().anyMatch(p.secret::foundIn)) {
                p.where.add("chat rows");
            }
            if (backup.stream().anyMatch(p.secret::foundIn)) {
                p.where.add("backups");
            }
        }
        return plants;
    }

    /** Every version of every memory file, deleted ones too. */
    private List<String> memoryTexts(AgentId agent) {
        List<String> texts = new ArrayList<>();
        for (FileVersion file : site.stores().memory().list(agent)) {
            for (FileVersion version : site.stores().memory().history(agent, file.path())) {
                if (!version.deleted()) {
                    site.stores().memory().read(agent, file.path(), version.version()).ifPresent(f -> texts.add(f.content()));
                }
            }
        }
        return texts;
    }

    /** The decrypted entries and the manifest of a fresh backup; a backup that refuses a secret says so. */
    private List<String> backupTexts(AgentId agent, Redactor redactor) {
        AgeKeyPair recipient = AgeKeyPair.generate();
        List<String> texts = new ArrayList<>();
        try {
            RunBackup.Result result = new RunBackup(site.stores(), site.backups(), List.of(recipient.recipient()), redactor,
                    RunBackup.Retention.DEFAULT, site.clock()).run(agent, BackupTier.HOT);
            byte[] manifest = site.backups().read(result.manifestName()).orElseThrow();
            byte[] archive = site.backups().read(result.archiveName()).orElseThrow();
            texts.add(new String(manifest, StandardCharsets.UTF_8));
            for (BackupEntry entry : BackupArchive.open(manifest, archive, TrustedSigners.keys(agent,
                    List.of(result.manifest().signer())), recipient.identity()).entries()) {
                texts.add(new String(entry.content(), StandardCharsets.UTF_8));
            }
        } catch (BackupException refused) {
            // A backup that finds a secret in the stores refuses to be written: the secret reached the stores.
            refusals.add("the backup of " + agent + " was refused: " + refused.getMessage());
        }
        return texts;
    }

}
