package dev.heartwood.aws;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.FileVersion;
import dev.heartwood.core.memory.MemoryConflictException;
import dev.heartwood.core.memory.MemoryException;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.Version;
import dev.heartwood.core.memory.WriteCondition;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Memory in the versioned memory bucket: one object per file at {@code agents/{agent}/{path}}, the
 * file's versions its S3 version ids, a delete a delete marker.
 *
 * <p>Conditional writes are S3's own conditional PUT, so the check and the write are one step on
 * S3's side: create-only sends {@code If-None-Match: *}; {@code IfUnchanged(version)} sends
 * {@code If-Match} with that version's ETag. S3 compares ETags, not version ids, so a write based on
 * an older version whose content equals the current content goes through; nothing is lost by that,
 * the writer started from exactly what is there.
 */
public final class S3MemoryStore implements MemoryStore {

    private static final String CONTENT_TYPE = "text/markdown; charset=utf-8";
    private static final int PAGE_SIZE = 1000;
    private static final int KNOWN_ETAGS = 512;
    private static final System.Logger LOG = System.getLogger(S3MemoryStore.class.getName());
    /**
     * Newest first. The SDK hands versions and delete markers over as two lists, losing how S3
     * interleaved them; the latest comes first, then time, and on a tie (S3 keeps milliseconds,
     * emulators whole seconds) the delete marker, as a delete usually follows the write it removes.
     */
    private static final Comparator<FileVersion> NEWEST_FIRST = Comparator.comparing(FileVersion::current).reversed()
            .thenComparing(Comparator.comparing(FileVersion::lastModified).reversed())
            .thenComparing(Comparator.comparing(FileVersion::deleted).reversed());

    private final S3Client s3;
    private final AwsSettings settings;
    private final String bucket;
    private final int pageSize;
    /** So the usual read-then-write needs no request to learn the ETag an If-Match must carry. */
    private final KnownEtags etags = new KnownEtags(KNOWN_ETAGS);

    public S3MemoryStore(AwsClients clients, String bucket) {
        this(clients, bucket, PAGE_SIZE);
    }

    S3MemoryStore(AwsClients clients, String bucket, int pageSize) {
        this.s3 = clients.s3();
        this.settings = clients.settings();
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.pageSize = pageSize;
    }

    @Override
    public Optional<MemoryFile> read(AgentId agent, MemoryPath path) {
        return fetch(agent, path, null).map(Fetched::file);
    }

    @Override
    public Optional<MemoryFile> read(AgentId agent, MemoryPath path, Version version) {
        return fetch(agent, path, Objects.requireNonNull(version, "version").value()).map(Fetched::file);
    }

    @Override
    public Version write(AgentId agent, MemoryPath path, String content, WriteCondition condition) {
        Objects.requireNonNull(condition, "condition");
        byte[] bytes = encode(Objects.requireNonNull(content, "content"));
        String key = key(agent, path);
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key).contentType(CONTENT_TYPE);
        switch (condition) {
            case WriteCondition.CreateOnly createOnly -> put.ifNoneMatch("*");
            case WriteCondition.IfUnchanged(Version expected) -> put.ifMatch(etagOf(agent, path, expected));
            case WriteCondition.Unconditional unconditional -> {
                // last writer wins, by request
            }
        }
        try {
            PutObjectResponse written = s3.putObject(put.build(), RequestBody.fromBytes(bytes));
            String version = requireVersion(written.versionId(), agent, path);
            etags.put(key, version, written.eTag());
            return Version.of(version);
        } catch (S3Exception e) {
            if (!lostCondition(e, condition)) {
                throw failure(agent, path, e);
            }
            // The SDK retries a PUT whose answer was lost; if the lost attempt landed, the retry
            // finds our own write and fails the condition. Reporting that as a conflict would make
            // a read-modify-write caller apply its change twice. (Equal bytes written by someone
            // else also pass: the file then holds exactly what this write wanted.)
            if (e.numAttempts() == null || e.numAttempts() > 1) {
                Optional<MemoryFile> now = read(agent, path);
                if (now.isPresent() && now.get().content().equals(content)) {
                    return now.get().version();
                }
            }
            throw conflict(agent, path, condition, e);
        } catch (SdkException e) {
            throw failure(agent, path, e);
        }
    }

    @Override
    public List<FileVersion> list(AgentId agent) {
        // ListObjectsV2 names current objects but not their version ids, which would cost a HEAD per
        // file; one listing of versions (1000 a page) costs less for any realistic history.
        String prefix = "agents/" + agent.value() + "/";
        List<FileVersion> current = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try {
            for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix)
                    .maxKeys(pageSize))) {
                for (ObjectVersion object : page.versions()) {
                    if (!Boolean.TRUE.equals(object.isLatest())) {
                        continue; // an older version, or the key's latest is a delete marker
                    }
                    String name = object.key().substring(prefix.length());
                    try {
                        current.add(remember(MemoryPath.of(name), object));
                    } catch (IllegalArgumentException notMemory) {
                        skipped.add(object.key());
                    }
                }
            }
        } catch (SdkException e) {
            throw new MemoryException("memory of agent " + agent + " in bucket " + bucket + ": "
                    + SdkFailures.describe(e, AwsService.S3, settings), e);
        }
        if (!skipped.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "memory of agent {0} in bucket {1}: skipped {2} object(s) whose keys are"
                    + " not memory file names, e.g. {3}", agent, bucket, skipped.size(), skipped.get(0));
        }
        current.sort(Comparator.comparing(FileVersion::path));
        return List.copyOf(current);
    }

    @Override
    public List<FileVersion> history(AgentId agent, MemoryPath path) {
        String key = key(agent, path);
        List<FileVersion> history = new ArrayList<>();
        try {
            for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(key)
                    .maxKeys(pageSize))) {
                List<FileVersion> rows = new ArrayList<>();
                page.versions().stream().filter(v -> v.key().equals(key)).forEach(v -> rows.add(remember(path, v)));
                page.deleteMarkers().stream().filter(m -> m.key().equals(key)).forEach(m -> rows.add(new FileVersion(path,
                        Version.of(m.versionId()), m.lastModified(), 0, true, Boolean.TRUE.equals(m.isLatest()))));
                rows.sort(NEWEST_FIRST); // stable: each list keeps S3's own newest-first order
                history.addAll(rows);
                if (page.versions().size() + page.deleteMarkers().size() > rows.size()) {
                    break; // the prefix also matches longer keys (SOUL.md.bak); they sort after ours
                }
            }
        } catch (SdkException e) {
            throw failure(agent, path, e);
        }
        return List.copyOf(history);
    }

    @Override
    public void delete(AgentId agent, MemoryPath path) {
        String key = key(agent, path);
        try {
            try {
                s3.headObject(b -> b.bucket(bucket).key(key));
            } catch (NoSuchKeyException gone) {
                return; // in a versioned bucket every DeleteObject adds a marker, even on a missing key
            }
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure(agent, path, e);
        }
    }

    private record Fetched(MemoryFile file, String etag) {
    }

    private Optional<Fetched> fetch(AgentId agent, MemoryPath path, String versionId) {
        String key = key(agent, path);
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId));
            GetObjectResponse response = object.response();
            String version = requireVersion(response.versionId(), agent, path);
            etags.put(key, version, response.eTag());
            return Optional.of(new Fetched(new MemoryFile(path, decode(object.asByteArray(), agent, path, version),
                    Version.of(version), response.lastModified()), response.eTag()));
        } catch (S3Exception e) {
            if (absent(e, versionId != null)) {
                return Optional.empty();
            }
            throw failure(agent, path, e);
        } catch (SdkException e) {
            throw failure(agent, path, e);
        }
    }

    /** The ETag If-Match must carry for {@code version}: known from an earlier call, or read once. */
    private String etagOf(AgentId agent, MemoryPath path, Version version) {
        return etags.get(key(agent, path), version.value())
                .or(() -> fetch(agent, path, version.value()).map(Fetched::etag))
                .orElseThrow(() -> new MemoryConflictException(where(agent, path) + "has no version " + version
                        + " with content (a version of another file, or a delete marker), so it is not at that version:"
                        + " nothing was written"));
    }

    private FileVersion remember(MemoryPath path, ObjectVersion version) {
        etags.put(version.key(), version.versionId(), version.eTag());
        return new FileVersion(path, Version.of(version.versionId()), version.lastModified(),
                version.size() == null ? 0 : version.size(), false, Boolean.TRUE.equals(version.isLatest()));
    }

    /** 404 NoSuchKey (or the current version is a delete marker), NoSuchVersion; by version also 400 and 405. */
    private static boolean absent(S3Exception e, boolean byVersion) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if ("NoSuchBucket".equals(code)) {
            return false;
        }
        // S3 answers a malformed version id with 400 InvalidArgument, and a delete marker's with 405.
        return e.statusCode() == 404 || (byVersion && (e.statusCode() == 405 || "InvalidArgument".equals(code)));
    }

    /** 412 is the condition failing; 409 a concurrent conditional write winning; 404 If-Match on a missing key. */
    private static boolean lostCondition(S3Exception e, WriteCondition condition) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 412 || "ConditionalRequestConflict".equals(code)
                || (condition instanceof WriteCondition.IfUnchanged && "NoSuchKey".equals(code));
    }

    private MemoryConflictException conflict(AgentId agent, MemoryPath path, WriteCondition condition, S3Exception e) {
        String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
        String why = switch (condition) {
            case WriteCondition.CreateOnly createOnly -> "exists already and the write was create-only";
            case WriteCondition.IfUnchanged(Version expected) -> "NoSuchKey".equals(code)
                    ? "does not exist (any more), so it is not at version " + expected
                    : "is no longer at version " + expected + " (another writer got there first)";
            case WriteCondition.Unconditional unconditional -> "another write was in progress";
        };
        return new MemoryConflictException(where(agent, path) + why + " (" + code + ", HTTP " + e.statusCode()
                + "): nothing was written", e);
    }

    private String requireVersion(String versionId, AgentId agent, MemoryPath path) {
        if (versionId == null || versionId.isBlank()) {
            throw new MemoryException(where(agent, path) + "no version id came back: the bucket does not keep versions;"
                    + " turn versioning on (heartwood init does)");
        }
        return versionId;
    }

    private MemoryException failure(AgentId agent, MemoryPath path, SdkException e) {
        return new MemoryException(where(agent, path) + SdkFailures.describe(e, AwsService.S3, settings), e);
    }

    private String where(AgentId agent, MemoryPath path) {
        return "memory " + agent + "/" + path + " in bucket " + bucket + ": ";
    }

    private static String key(AgentId agent, MemoryPath path) {
        return "agents/" + agent.value() + "/" + path.value();
    }

    private String decode(byte[] bytes, AgentId agent, MemoryPath path, String version) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MemoryException(where(agent, path) + "version " + version + " is not UTF-8 text (memory is markdown)", e);
        }
    }

    /** Strictly: a lone surrogate would otherwise be written as '?' without a word. */
    private static byte[] encode(String content) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(content));
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            return array;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("content is not valid Unicode text (it holds a lone surrogate): nothing was written");
        }
    }
}
