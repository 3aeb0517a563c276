package dev.heartwood.core.identity.transfer;

import com.exceptionfactory.jagged.DecryptingChannelFactory;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.transfer.AgeFileException.Failure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;

/**
 * The age v1 file format (age-encryption.org/v1) through jagged, with its failures turned into
 * one reason a person can act on. Shared by key transfer and backups, so jagged's quirks are
 * handled in one place. Jagged keeps its own plaintext buffers, which it clears but does not
 * overwrite; the copies made here are zeroed.
 */
public final class AgeFile {

    private static final byte[] BINARY = "age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARMORED = "-----BEGIN AGE ENCRYPTED FILE-----".getBytes(StandardCharsets.US_ASCII);

    private AgeFile() {
    }

    /** The binary age encryption of the plaintext to every recipient; the caller clears the plaintext. */
    public static byte[] encrypt(byte[] plaintext, List<AgeRecipient> recipients) {
        List<RecipientStanzaWriter> writers = recipients.stream().map(AgeRecipient::writer).toList();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (WritableByteChannel channel = new StandardEncryptingChannelFactory()
                .newEncryptingChannel(Channels.newChannel(file), writers)) {
            ByteBuffer source = ByteBuffer.wrap(plaintext);
            while (source.hasRemaining()) {
                channel.write(source);
            }
        } catch (GeneralSecurityException | IOException e) {
            // Writing to memory cannot fail on I/O; this is a JDK without X25519 or ChaCha20-Poly1305.
            throw new IdentityException("could not age-encrypt: " + e.getMessage(), e);
        }
        return file.toByteArray();
    }

    /**
     * Decrypts and authenticates a whole age file, binary or armored (as {@code age -a} writes).
     *
     * @param source names the file in error messages
     * @throws AgeFileException with one reason; the caller clears the returned plaintext
     */
    public static byte[] decrypt(byte[] file, AgeIdentity identity, String source) {
        if (file.length == 0) {
            throw new AgeFileException(Failure.NOT_AGE, source + ": empty file, not an age file");
        }
        DecryptingChannelFactory factory;
        if (startsWith(file, BINARY)) {
            factory = new StandardDecryptingChannelFactory();
        } else if (startsWith(file, ARMORED)) {
            factory = new ArmoredDecryptingChannelFactory();
        } else {
            throw new AgeFileException(Failure.NOT_AGE, source + ": not an age file (expected an"
                    + " 'age-encryption.org/v1' header, as `age -e` writes)");
        }
        // The plaintext is shorter than its ciphertext, so one buffer of the file's size holds it all.
        byte[] buffer = new byte[file.length];
        ByteBuffer plaintext = ByteBuffer.wrap(buffer);
        try (ReadableByteChannel channel = factory.newDecryptingChannel(
                Channels.newChannel(new ByteArrayInputStream(file)), identity.readers())) {
            // Jagged returns -1 from the read that reaches the end even when that read moved bytes,
            // so the count is the buffer's position, not the sum of the return values.
            int read;
            do {
                read = channel.read(plaintext);
            } while (read != -1 && plaintext.hasRemaining());
            if (read != -1) {
                throw new AgeFileException(Failure.DAMAGED,
                        source + ": tampered export (plaintext longer than its file)");
            }
            return Arrays.copyOf(buffer, plaintext.position());
        } catch (UnsupportedRecipientStanzaException e) {
            throw new AgeFileException(Failure.WRONG_IDENTITY,
                    source + ": not encrypted to this identity (no recipient in the file matches it)", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new AgeFileException(Failure.DAMAGED,
                    source + ": truncated or tampered export (authentication failed)", e);
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
