package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.KeyConflictException;
import dev.heartwood.core.identity.KeyDocument;
import dev.heartwood.core.identity.KeyFormatException;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.UnknownAgentException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link KeyVault} on AWS Secrets Manager: one secret per agent, named
 * {@code {prefix}/agents/{agentId}/signing-key} and tagged {@code heartwood:agent=<id>}, whose
 * SecretString is the {@link KeyDocument} JSON. The version labelled {@code AWSCURRENT} is the
 * current key, {@code AWSPREVIOUS} the one the last rotation replaced.
 *
 * <p>Each instance caches decrypted current keys: within the TTL a key is served without a call;
 * after it, one DescribeSecret (metadata only) decides whether the value must be read again.
 * Another instance's rotation is therefore seen at most one TTL late; this instance's own rotate
 * and delete are seen at once.
 *
 * <p>The SDK takes and returns SecretString as a {@code String}, which cannot be cleared: the key
 * JSON lives on in those strings until they are collected. The byte arrays we own are cleared.
 */
public final class SecretsManagerKeyVault implements KeyVault {

    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
    static final String AGENT_TAG = "heartwood:agent";

    private final SecretVersions secrets;
    private final String prefix;
    private final Duration cacheTtl;
    private final Clock clock;
    private final KeyCache cache = new KeyCache();

    public SecretsManagerKeyVault(AwsClients clients, String prefix) {
        this(clients, prefix, DEFAULT_CACHE_TTL, Clock.systemUTC());
    }

    /**
     * @param prefix the installation prefix, e.g. {@code heartwood} (the rules of {@link StoreNames})
     * @param cacheTtl how long a cached key is served before the secret's metadata is checked again
     */
    public SecretsManagerKeyVault(AwsClients clients, String prefix, Duration cacheTtl, Clock clock) {
        if (cacheTtl == null || cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cache TTL must be zero or positive, got " + cacheTtl);
        }
        this.secrets = new SecretVersions(clients.secretsManager(), clients.settings());
        this.prefix = StoreNames.withPrefix(prefix).prefix();
        this.cacheTtl = cacheTtl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    String secretName(AgentId agent) {
        return prefix + "/agents/" + agent + "/signing-key";
    }

    @Override
    public void create(AgentId agent, AgentKey key) {
        String name = secretName(agent);
        byte[] json = new KeyDocument(agent, key, clock.instant()).toJson();
        try {
            boolean created = secrets.create(name, versionToken(key.publicKey()), new String(json, StandardCharsets.UTF_8),
                    "Ed25519 signing key of Heartwood agent " + agent, AGENT_TAG, agent.value());
            if (!created) {
                throw new KeyConflictException("agent " + agent + " already has a key in secret " + name
                        + ": nothing was overwritten (rotate it instead)");
            }
        } finally {
            Arrays.fill(json, (byte) 0);
            cache.invalidate(name);
        }
    }

    @Override
    public Optional<AgentKey> current(AgentId agent) {
        String name = secretName(agent);
        Instant now = clock.instant();
        Optional<KeyDocument> hit = cache.get(name).filter(entry -> stillCurrent(name, entry, now)).flatMap(KeyCache.Entry::copy);
        if (hit.isPresent()) {
            return hit.map(KeyDocument::key);
        }
        long ticket = cache.ticket();
        Optional<Stored> stored = read(agent, name, SecretVersions.CURRENT);
        if (stored.isEmpty()) {
            // Deleted elsewhere: do not keep that key in memory any longer.
            cache.invalidate(name);
            return Optional.empty();
        }
        KeyDocument copy = KeyCache.copyOf(stored.get().document());
        cache.put(name, ticket, stored.get().versionId(), stored.get().document(), now);
        return Optional.of(copy.key());
    }

    private boolean stillCurrent(String name, KeyCache.Entry entry, Instant now) {
        if (now.isBefore(entry.checkedAt().plus(cacheTtl))) {
            return true;
        }
        if (secrets.currentVersionId(name).filter(entry.stamp()::equals).isPresent()) {
            entry.checked(now);
            return true;
        }
        return false;
    }

    @Override
    public Optional<AgentKey> previous(AgentId agent) {
        return read(agent, secretName(agent), SecretVersions.PREVIOUS).map(stored -> stored.document().key());
    }

    /**
     * Stages {@code next} as a new version, then moves AWSCURRENT onto it naming the version we found
     * current as the one to take it from (UpdateSecretVersionStage's RemoveFromVersionId): a
     * compare-and-set, so of two racing rotations only one moves the label and the other gets a
     * {@link KeyConflictException}.
     *
     * <p>The version id is derived from {@code next}'s public key, so a retry re-uses the version an
     * earlier attempt staged, and a retry after success finds {@code next} current and does nothing.
     *
     * <p>What stays racy: AWS documents the RemoveFromVersionId check but not its isolation under
     * concurrent calls, so we rely on it being atomic with the move. A losing rotation leaves its
     * staged version (its private key included) in the secret under the label
     * {@code HEARTWOOD_STAGED} until the next rotation takes that label and Secrets Manager prunes
     * the unlabelled version.
     */
    @Override
    public void rotate(AgentId agent, AgentPublicKey expectedCurrent, AgentKey next) {
        String name = secretName(agent);
        try {
            Stored current = read(agent, name, SecretVersions.CURRENT)
                    .orElseThrow(() -> new UnknownAgentException(agent, "secret " + name));
            AgentPublicKey found = current.document().key().publicKey();
            current.document().key().destroy();
            if (found.equals(next.publicKey())) {
                return;
            }
            if (!found.equals(expectedCurrent)) {
                throw new KeyConflictException("agent " + agent + ": secret " + name + " holds key " + found.did()
                        + ", not the expected " + expectedCurrent.did() + ": nothing was changed");
            }
            String token = versionToken(next.publicKey());
            byte[] json = new KeyDocument(agent, next, clock.instant()).toJson();
            boolean staged;
            try {
                staged = secrets.stage(name, token, new String(json, StandardCharsets.UTF_8));
            } finally {
                Arrays.fill(json, (byte) 0);
            }
            SecretVersions.Promotion promotion = staged ? secrets.promote(name, token, current.versionId())
                    : SecretVersions.Promotion.MISSING;
            switch (promotion) {
                case PROMOTED -> { }
                case LOST -> throw new KeyConflictException("agent " + agent + ": secret " + name
                        + " was rotated by someone else meanwhile: nothing was changed");
                case MISSING -> throw new UnknownAgentException(agent, "secret " + name);
            }
        } finally {
            cache.invalidate(name);
        }
    }

    /**
     * Deletes the secret with every version and <b>no recovery window: this is irreversible</b>.
     * The migration drill's destroy step needs the name free again at once; Secrets Manager frees
     * it in the background moments later, which {@link #create} waits out.
     */
    @Override
    public void delete(AgentId agent) {
        String name = secretName(agent);
        try {
            secrets.delete(name);
        } finally {
            cache.invalidate(name);
        }
    }

    private Optional<Stored> read(AgentId agent, String name, String stage) {
        return secrets.read(name, stage).map(version -> {
            if (version.secretString() == null) {
                throw new KeyFormatException("secret " + name + ": " + stage + " has no SecretString (a binary secret is not a Heartwood key)");
            }
            byte[] json = version.secretString().getBytes(StandardCharsets.UTF_8);
            KeyDocument document;
            try {
                document = KeyDocument.parse(json, "secret " + name);
            } finally {
                Arrays.fill(json, (byte) 0);
            }
            if (!document.agent().equals(agent)) {
                document.key().destroy();
                throw new KeyFormatException("secret " + name + ": holds the key of agent " + document.agent() + ", not " + agent);
            }
            return new Stored(version.versionId(), document);
        });
    }

    /**
     * The version id a key is stored under: a name-based UUID (version 8, from SHA-256) of its
     * public did, so every attempt to store one key uses one id. Derived from public data only.
     */
    static String versionToken(AgentPublicKey key) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(("heartwood signing-key " + key.did()).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        digest[6] = (byte) ((digest[6] & 0x0f) | 0x80);
        digest[8] = (byte) ((digest[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(digest, 0, 16);
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }

    private record Stored(String versionId, KeyDocument document) {
    }
}
