package dev.authplatform.auth.oauth.consent;

import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.session.SessionService;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Consent: a client that is not first-party gets a user's data only after the user agreed, once, to the scopes it asks
 * for; asking for more asks again. Withdrawing consent ends every session of the user with that client, so its
 * tokens are refused everywhere at once.
 */
@Singleton
public class Consents {

    private final ConsentRepository consents;
    private final SessionService sessions;
    private final SecurityAudit audit;

    Consents(ConsentRepository consents, SessionService sessions, SecurityAudit audit) {
        this.consents = consents;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** Whether the user already agreed to every one of these scopes for the client. */
    public boolean covers(UUID userId, String clientId, List<String> scopes) {
        return consents.find(userId, clientId).map(c -> c.scopeList().containsAll(scopes)).orElse(false);
    }

    /** Records agreement to these scopes, added to what was agreed before. */
    public void grant(UUID userId, String clientId, List<String> scopes) {
        Set<String> all = new LinkedHashSet<>(consents.find(userId, clientId).map(ConsentRow::scopeList).orElse(List.of()));
        all.addAll(scopes);
        consents.upsert(userId, clientId, String.join(" ", all), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        audit.consentChanged(userId, clientId, "grant");
    }

    public List<ConsentRow> of(UUID userId) {
        return consents.findByUser(userId);
    }

    /** Withdraws the user's consent for the client and ends the client's sessions for the user; false if there was none. */
    public boolean withdraw(UUID userId, String clientId) {
        if (consents.delete(userId, clientId) == 0) {
            return false;
        }
        sessions.revokeAllWithClient(userId, clientId, "consent-withdrawn");
        audit.consentChanged(userId, clientId, "withdraw");
        return true;
    }
}
