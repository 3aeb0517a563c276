package dev.heartwood.aws;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.KeyDocument;
import dev.heartwood.core.identity.KeyFormatException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Seals a key document with AES-256-GCM under a fresh KMS data key, and opens it again.
 *
 * <p>Two bindings stop a sealed key being passed off as another: KMS encrypts the data key under
 * the encryption context {@code heartwood:agent=<id>, heartwood:purpose=signing-key}, so it will
 * not release it for another agent; and the GCM associated data names the agent and the item, so
 * a sealed key cannot be moved between agents or from one item to another.
 */
final class KmsEnvelope {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KmsClient kms;
    private final AwsSettings settings;
    private final String kmsKeyId;
    private final SecureRandom random = new SecureRandom();

    KmsEnvelope(KmsClient kms, AwsSettings settings, String kmsKeyId) {
        this.kms = kms;
        this.settings = settings;
        this.kmsKeyId = kmsKeyId;
    }

    /** What is stored: nothing in it is secret without KMS. */
    record Sealed(String kmsKeyArn, SdkBytes encryptedDataKey, byte[] iv, byte[] ciphertext) {
    }

    /** @param source names the item for error messages, e.g. "agent a: item signing-key#current in table t" */
    Sealed seal(AgentId agent, String item, KeyDocument document, String source) {
        GenerateDataKeyResponse dataKey = call(source, kmsKeyId, () -> kms.generateDataKey(b -> b.keyId(kmsKeyId)
                .keySpec(DataKeySpec.AES_256).encryptionContext(encryptionContext(agent))));
        // The SDK's own buffer, not a copy, so clearing it really clears the plaintext data key.
        byte[] plainKey = dataKey.plaintext().asByteArrayUnsafe();
        byte[] json = document.toJson();
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            byte[] ciphertext = aesGcm(Cipher.ENCRYPT_MODE, plainKey, iv, aad(agent, item), json);
            return new Sealed(dataKey.keyId(), dataKey.ciphertextBlob(), iv, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has AES-256-GCM", e);
        } finally {
            Arrays.fill(plainKey, (byte) 0);
            Arrays.fill(json, (byte) 0);
        }
    }

    /**
     * @throws KeyFormatException if KMS refuses the data key for this agent, the ciphertext fails
     *     authentication for this agent and item, or the document inside is not this agent's key
     */
    KeyDocument open(AgentId agent, String item, Sealed sealed, String source) {
        DecryptResponse decrypted;
        try {
            // The item's own key ARN, so items sealed before a change of key stay readable; the
            // encryption context still ties the data key to this agent.
            decrypted = kms.decrypt(b -> b.keyId(sealed.kmsKeyArn())
                    .ciphertextBlob(sealed.encryptedDataKey()).encryptionContext(encryptionContext(agent)));
        } catch (InvalidCiphertextException | IncorrectKeyException e) {
            throw new KeyFormatException(source + ": KMS will not decrypt its data key for this agent"
                    + " (tampered, or copied from another agent)", e);
        } catch (SdkException e) {
            throw failure(source, sealed.kmsKeyArn(), e);
        }
        byte[] plainKey = decrypted.plaintext().asByteArrayUnsafe();
        byte[] json;
        try {
            json = aesGcm(Cipher.DECRYPT_MODE, plainKey, sealed.iv(), aad(agent, item), sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new KeyFormatException(source + ": ciphertext fails authentication (tampered, or moved from another item)", e);
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException(source + ": ciphertext cannot be decrypted (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            Arrays.fill(plainKey, (byte) 0);
        }
        KeyDocument document;
        try {
            document = KeyDocument.parse(json, source);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
        if (!document.agent().equals(agent)) {
            document.key().destroy();
            throw new KeyFormatException(source + ": the sealed key belongs to another agent (tampered)");
        }
        return document;
    }

    static Map<String, String> encryptionContext(AgentId agent) {
        return Map.of("heartwood:agent", agent.value(), "heartwood:purpose", "signing-key");
    }

    /** Agent ids cannot contain '/', so this names one item of one agent unambiguously. */
    private static byte[] aad(AgentId agent, String item) {
        return ("heartwood/" + agent + "/" + item).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The JDK's {@link SecretKeySpec} copies the key and cannot be destroyed, so that copy (and the
     * cipher's key schedule) is left to the garbage collector; the arrays we own are cleared.
     */
    private static byte[] aesGcm(int mode, byte[] key, byte[] iv, byte[] aad, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }

    private <T> T call(String source, String key, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SdkException e) {
            throw failure(source, key, e);
        }
    }

    private IdentityException failure(String source, String key, SdkException e) {
        return new IdentityException(source + ": KMS key " + key + ": " + SdkFailures.describe(e, AwsService.KMS, settings), e);
    }
}
