package dev.authplatform.common.verify;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The issuer's JWK Set as last fetched, in a file of the verifier's own: {@code {"issuer", "fetchedAt", "jwks"}}.
 * Read once at start, and only when it names the issuer this verifier trusts; written (owner-only, replaced
 * atomically) after a fetch that changed the keys. Public keys only, so the file holds nothing secret; what it must
 * not be is writable by anyone else, since a key in it is trusted until the next successful fetch.
 */
final class LastKnownJwks {

    private static final Logger LOG = LoggerFactory.getLogger(LastKnownJwks.class);

    private final Path file;
    private final String issuer;
    private volatile String written;

    LastKnownJwks(Path file, String issuer) {
        this.file = file;
        this.issuer = issuer;
    }

    /** The file settings name, or the default one for this issuer; empty when the cache is off. */
    static Optional<LastKnownJwks> of(JwksCacheSettings settings, String issuer) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Path file = settings.file().isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "authplatform-jwks-" + digest(issuer) + ".json")
                : Path.of(settings.file());
        return Optional.of(new LastKnownJwks(file, issuer));
    }

    /** The JWK Set JSON last saved for this issuer, if the file exists, can be read and names this issuer. */
    Optional<String> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> saved = JSONObjectUtils.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!issuer.equals(saved.get("issuer")) || !(saved.get("jwks") instanceof Map<?, ?> jwks)) {
                LOG.info("JWKS cache file {} is for another issuer: not used", file);
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            String json = JSONObjectUtils.toJSONString((Map<String, ?>) jwks);
            LOG.info("JWKS from the cache file {} (fetched {}), until the issuer answers", file, saved.get("fetchedAt"));
            return Optional.of(json);
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            LOG.warn("JWKS cache file {} could not be read ({}): not used", file, e.toString());
            return Optional.empty();
        }
    }

    /** Saves the JWK Set as fetched now, unless it is what the file already holds. */
    void write(String jwksJson) {
        if (jwksJson.equals(written)) {
            return;
        }
        try {
            Map<String, Object> saved = new LinkedHashMap<>();
            saved.put("issuer", issuer);
            saved.put("fetchedAt", Instant.now().toString());
            saved.put("jwks", JSONObjectUtils.parse(jwksJson));
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".jwks-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, JSONObjectUtils.toJSONString(saved), StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            written = jwksJson;
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            LOG.warn("JWKS cache file {} could not be written ({}): a restart while the issuer is down would wait for it",
                    file, e.toString());
        }
    }

    Path file() {
        return file;
    }

    private static String digest(String issuer) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(issuer.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
