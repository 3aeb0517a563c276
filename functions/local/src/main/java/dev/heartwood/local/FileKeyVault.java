package dev.heartwood.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.KeyConflictException;
import dev.heartwood.core.identity.KeyDocument;
import dev.heartwood.core.identity.KeyFormatException;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.UnknownAgentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The embedded default's key vault: {@code keys/{agent}/current.key} and {@code previous.key}
 * under the home, each the agent's key document encrypted with AES-256-GCM under a key derived
 * from a passphrase with scrypt. Files are mode 0600 in 0700 directories and written atomically;
 * the private key is never on disk in plaintext.
 *
 * <p>The public key id and the agent id are stored in clear (they are public) and bound to the
 * ciphertext as associated data, so a file copied to another agent or edited fails to decrypt.
 */
public final class FileKeyVault implements KeyVault {

    static final String FORMAT = "heartwood-keyfile/1";
    /** 2^15: about 100 ms and 32 MiB per derivation, the cost age and OWASP suggest for interactive use. */
    public static final int DEFAULT_SCRYPT_LOG2_N = 15;
    private static final int MAX_SCRYPT_LOG2_N = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path keys;
    private final Passphrase passphrase;
    private final int scryptLog2N;
    private final Clock clock;

    public FileKeyVault(LocalHome home, Passphrase passphrase) {
        this(home, passphrase, DEFAULT_SCRYPT_LOG2_N, Clock.systemUTC());
    }

    FileKeyVault(LocalHome home, Passphrase passphrase, int scryptLog2N, Clock clock) {
        this.keys = home.keys();
        this.passphrase = passphrase;
        this.scryptLog2N = scryptLog2N;
        this.clock = clock;
    }

    @Override
    public void create(AgentId agent, AgentKey key) {
        withLock(agent, () -> {
            byte[] sealed = seal(agent, key, passphrase.confirmed());
            if (!AtomicFiles.createNew(current(agent.value()), sealed)) {
                throw new KeyConflictException("agent " + agent + " already has a key in " + current(agent.value())
                        + ": nothing was overwritten");
            }
            return null;
        });
    }

    @Override
    public Optional<AgentKey> current(AgentId agent) {
        return read(agent, current(agent.value()));
    }

    @Override
    public Optional<AgentKey> previous(AgentId agent) {
        return read(agent, keys.resolve(agent.value()).resolve("previous.key"));
    }

    @Override
    public void rotate(AgentId agent, AgentPublicKey expectedCurrent, AgentKey next) {
        withLock(agent, () -> {
            Path current = current(agent.value());
            if (!Files.exists(current)) {
                throw new UnknownAgentException(agent, keys.toString());
            }
            byte[] currentFile = Files.readAllBytes(current);
            String currentId = envelope(currentFile, current).path("keyId").asText();
            if (!currentId.equals(expectedCurrent.did())) {
                throw new KeyConflictException("agent " + agent + ": current key is " + currentId + ", not "
                        + expectedCurrent.did() + " (another rotation won): nothing changed");
            }
            byte[] sealed = seal(agent, next, passphrase.get());
            // previous first: a crash between the two writes leaves the old key current and also
            // saved as previous, which is consistent; the reverse order could lose it.
            AtomicFiles.write(keys.resolve(agent.value()).resolve("previous.key"), currentFile);
            AtomicFiles.write(current, sealed);
            return null;
        });
    }

    @Override
    public void delete(AgentId agent) {
        Path dir = keys.resolve(agent.value());
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException e) {
            throw new IdentityException("cannot delete the keys of agent " + agent + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path current(String agent) {
        return keys.resolve(agent).resolve("current.key");
    }

    private Optional<AgentKey> read(AgentId agent, Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(open(agent, file, Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new IdentityException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] seal(AgentId agent, AgentKey key, char[] secret) {
        byte[] salt = random(16);
        byte[] nonce = random(12);
        byte[] plaintext = new KeyDocument(agent, key, clock.instant()).toJson();
        byte[] aesKey = derive(secret, salt, scryptLog2N);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(agent.value(), key.publicKey().did()));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return JSON.createObjectNode()
                    .put("format", FORMAT)
                    .put("agentId", agent.value())
                    .put("keyId", key.publicKey().did())
                    .put("kdf", "scrypt").put("log2N", scryptLog2N).put("r", 8).put("p", 1)
                    .put("salt", b64(salt))
                    .put("cipher", "AES-256-GCM")
                    .put("nonce", b64(nonce))
                    .put("ciphertext", b64(ciphertext))
                    .toPrettyString().getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
            Arrays.fill(aesKey, (byte) 0);
        }
    }

    private AgentKey open(AgentId agent, Path file, byte[] bytes) {
        JsonNode envelope = envelope(bytes, file);
        int log2N = envelope.path("log2N").asInt(-1);
        if (log2N < 10 || log2N > MAX_SCRYPT_LOG2_N) {
            throw new KeyFormatException("key file " + file + ": scrypt cost log2N=" + log2N + " is outside 10-"
                    + MAX_SCRYPT_LOG2_N + " (corrupt or not ours)");
        }
        byte[] aesKey = derive(passphrase.get(), decode(envelope, "salt", file), log2N);
        byte[] plaintext = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"),
                    new GCMParameterSpec(128, decode(envelope, "nonce", file)));
            cipher.updateAAD(associatedData(envelope.path("agentId").asText(), envelope.path("keyId").asText()));
            plaintext = cipher.doFinal(decode(envelope, "ciphertext", file));
        } catch (AEADBadTagException e) {
            throw new KeyFormatException("key file " + file + ": wrong passphrase, or the file was altered");
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("key file " + file + ": cannot decrypt (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(aesKey, (byte) 0);
        }
        try {
            KeyDocument document = KeyDocument.parse(plaintext, "key file " + file);
            if (!document.agent().equals(agent)) {
                throw new KeyFormatException("key file " + file + " belongs to agent " + document.agent() + ", not " + agent);
            }
            return document.key();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static JsonNode envelope(byte[] bytes, Path file) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new KeyFormatException("key file " + file + ": not a Heartwood key file (not JSON)");
        }
        if (envelope == null || !FORMAT.equals(envelope.path("format").asText())) {
            throw new KeyFormatException("key file " + file + ": not a Heartwood key file (expected format " + FORMAT + ")");
        }
        return envelope;
    }

    /** Derives the AES key and clears {@code secret}. */
    private static byte[] derive(char[] secret, byte[] salt, int log2N) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            return SCrypt.generate(bytes, salt, 1 << log2N, 8, 1, 32);
        } finally {
            Arrays.fill(secret, '\0');
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(encoded.array(), (byte) 0);
        }
    }

    private static byte[] associatedData(String agent, String keyId) {
        return (FORMAT + "\n" + agent + "\n" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decode(JsonNode envelope, String field, Path file) {
        try {
            return Base64.getDecoder().decode(envelope.path(field).asText());
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("key file " + file + ": field " + field + " is not base64");
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private interface LockedAction {
        Object run() throws IOException;
    }

    /** One writer per agent across processes: create and rotate hold an OS file lock on the agent's directory. */
    private void withLock(AgentId agent, LockedAction action) {
        Path dir = keys.resolve(agent.value());
        try {
            // LockFile also queues threads of this JVM, which an OS file lock alone would not.
            LockFile.holding(dir.resolve(".lock"), action::run);
        } catch (IOException e) {
            throw new IdentityException("cannot write the key of agent " + agent + " in " + dir + ": " + e.getMessage(), e);
        }
    }
}
