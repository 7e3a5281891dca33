package dev.authplatform.auth.password;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final Argon2Advanced libargon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
    private final PasswordHasher owaspMinimum = new PasswordHasher(new PasswordSettings(19456, 2, 1, 1, 4, 10), new SimpleMeterRegistry());
    private final PasswordHasher stronger = new PasswordHasher(new PasswordSettings(24576, 3, 1, 1, 4, 0), new SimpleMeterRegistry());

    @AfterEach
    void close() {
        owaspMinimum.close();
        stronger.close();
    }

    @Test
    void hashIsArgon2idCarryingItsParameters() {
        String hash = owaspMinimum.hash("correct-horse-1");

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(owaspMinimum.matches("correct-horse-1", hash));
        assertFalse(owaspMinimum.matches("correct-horse-2", hash));
    }

    @Test
    void libsodiumDoesTheWorkAndItsHashesAreStandardPhcStrings() {
        assertEquals("libsodium", owaspMinimum.implementation(), "Debian's libsodium23 is installed here (.ci/run installs it)");
        String sodiumHash = owaspMinimum.hash("correct-horse-1");
        assertTrue(sodiumHash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), sodiumHash);
        assertTrue(libargon2.verify(sodiumHash, "correct-horse-1".toCharArray(), StandardCharsets.UTF_8),
                "libargon2 reads libsodium's hash");
        assertTrue(Password.check("correct-horse-1", sodiumHash).with(Argon2Function.getInstanceFromHash(sodiumHash)),
                "a pure-Java Argon2id (Password4j) reads it too");
        assertFalse(Password.check("correct-horse-2", sodiumHash).with(Argon2Function.getInstanceFromHash(sodiumHash)));
    }

    @Test
    void hashesMadeBeforeByLibargon2OrInPureJavaStillMatch() {
        String libargon2Hash = libargon2.hash(2, 19456, 1, "correct-horse-1".toCharArray(), StandardCharsets.UTF_8);
        String pureJavaHash = Password.hash("correct-horse-1").addRandomSalt(16)
                .with(Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID)).getResult();

        assertTrue(owaspMinimum.matches("correct-horse-1", libargon2Hash));
        assertFalse(owaspMinimum.matches("correct-horse-2", libargon2Hash));
        assertTrue(owaspMinimum.matches("correct-horse-1", pureJavaHash));
        assertFalse(owaspMinimum.matches("correct-horse-2", pureJavaHash));
    }

    @Test
    void moreThanOneLaneIsHashedByLibargon2() {
        PasswordHasher twoLanes = new PasswordHasher(new PasswordSettings(19456, 2, 2, 1, 4, 0), new SimpleMeterRegistry());
        try {
            assertEquals("libargon2", twoLanes.implementation(), "libsodium hashes with one lane only");
            String hash = twoLanes.hash("correct-horse-1");
            assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=2$"), hash);
            assertTrue(twoLanes.matches("correct-horse-1", hash));
            assertTrue(owaspMinimum.matches("correct-horse-1", hash), "a one-lane hasher still reads it (libargon2)");
            assertFalse(owaspMinimum.matches("correct-horse-2", hash));
        } finally {
            twoLanes.close();
        }
    }

    @Test
    void samePasswordHashesDifferentlyEachTime() {
        assertNotEquals(owaspMinimum.hash("correct-horse-1"), owaspMinimum.hash("correct-horse-1"));
    }

    @Test
    void hashMadeWithOlderParametersIsVerifiedAndMarkedForUpgrade() {
        String old = owaspMinimum.hash("correct-horse-1");

        assertTrue(stronger.matches("correct-horse-1", old), "old hashes keep working after the settings are raised");
        assertTrue(stronger.needsRehash(old));
        assertFalse(stronger.needsRehash(stronger.hash("correct-horse-1")));
    }
}
