package dev.authplatform.auth.password;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final PasswordHasher owaspMinimum = new PasswordHasher(new PasswordSettings(19456, 2, 1, 1, 4, 10), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    private final PasswordHasher stronger = new PasswordHasher(new PasswordSettings(24576, 3, 1, 1, 4, 0), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

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
    void libargon2DoesTheWorkAndItsHashesAreStandardPhcStrings() {
        assertTrue(owaspMinimum.isNative(), "Debian's libargon2-1 is installed here (.ci/run installs it)");
        String nativeHash = owaspMinimum.hash("correct-horse-1");
        assertTrue(Password.check("correct-horse-1", nativeHash).with(Argon2Function.getInstanceFromHash(nativeHash)),
                "a pure-Java Argon2id (Password4j) reads libargon2's hash");
        String pureJavaHash = Password.hash("correct-horse-1").addRandomSalt(16)
                .with(Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID)).getResult();
        assertTrue(owaspMinimum.matches("correct-horse-1", pureJavaHash), "and libargon2 reads hashes made in pure Java before");
        assertFalse(owaspMinimum.matches("correct-horse-2", pureJavaHash));
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
