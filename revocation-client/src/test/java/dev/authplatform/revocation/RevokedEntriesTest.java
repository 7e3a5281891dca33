package dev.authplatform.revocation;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A revoked signing key covers every token it signed, whatever the token's times, until the entry's end. */
class RevokedEntriesTest {

    private final RevokedEntries entries = new RevokedEntries();
    private final Instant now = Instant.now();

    @Test
    void everyTokenOfARevokedKeyIsRefusedAndNoOther() {
        entries.add(RevocationEntry.key("leaked", now.getEpochSecond() + 600));

        assertTrue(entries.isRevoked("t1", "leaked", "s1", "u1", null, now.minusSeconds(60)));
        assertTrue(entries.isRevoked("t2", "leaked", null, "svc", "svc", now.plusSeconds(60)), "issued later, a forgery");
        assertFalse(entries.isRevoked("t3", "other", "s1", "u1", null, now));
        assertTrue(entries.isKeyRevoked("leaked"));

        entries.purgeBefore(now.getEpochSecond() + 601);

        assertFalse(entries.isKeyRevoked("leaked"), "forgotten once the entry protects nothing");
    }

    @Test
    void theListenerHearsEachKeyOnceHoweverOftenItIsAnnounced() {
        List<String> heard = new ArrayList<>();
        entries.whenKeyRevoked(heard::add);

        entries.add(RevocationEntry.key("k1", now.getEpochSecond() + 600));
        entries.add(RevocationEntry.key("k1", now.getEpochSecond() + 900)); // a reload reads it again
        entries.add(RevocationEntry.session("s1", now.getEpochSecond() + 600));

        assertEquals(List.of("k1"), heard);
    }

    @Test
    void theAnnouncementAndTheStoredValueReadBackAsTheSameEntry() {
        RevocationEntry key = RevocationEntry.key("k1", 1234);

        assertEquals("K k1 1234", key.event());
        assertEquals(Optional.of(key), RevocationEntry.parseEvent("K k1 1234 7".split(" ")));
        assertEquals(3, RevocationEntry.sequenceIndex(RevocationEntry.Kind.KEY));
        assertEquals(key, RevocationEntry.parseStored(RevocationEntry.Kind.KEY, "k1", key.storedValue()));
        assertEquals(Optional.of(RevocationEntry.Kind.KEY), RevocationEntry.Kind.ofLabel("key"));
    }
}
