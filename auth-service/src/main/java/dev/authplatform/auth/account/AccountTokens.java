package dev.authplatform.auth.account;

import dev.authplatform.auth.oauth.OpaqueTokens;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The tokens in emailed links: 256 random bits, stored as their SHA-256, valid once and for a limited time, and
 * only for the address they were sent to. Sending a new one retires the older ones of the same purpose.
 */
@Singleton
public class AccountTokens {

    /** What a token may be used for; a token of one purpose is unknown to the other. */
    public enum Purpose {
        VERIFY_EMAIL("verify-email"), RESET_PASSWORD("reset-password");

        private final String value;

        Purpose(String value) {
            this.value = value;
        }

        /** The stored name: {@code verify-email}, {@code reset-password}. */
        public String value() {
            return value;
        }

        public static Purpose of(String value) {
            for (Purpose purpose : values()) {
                if (purpose.value.equals(value)) {
                    return purpose;
                }
            }
            throw new IllegalArgumentException("no account token purpose " + value);
        }
    }

    private final AccountTokenRepository tokens;
    private final UserRepository users;

    AccountTokens(AccountTokenRepository tokens, UserRepository users) {
        this.tokens = tokens;
        this.users = users;
    }

    /** A new token for the user's current address; the raw value goes into the link and nowhere else. */
    @Transactional
    public String issue(UserRow user, Purpose purpose, Duration validFor) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        tokens.retireAll(user.id(), purpose.value, now);
        String raw = OpaqueTokens.generate();
        tokens.save(new AccountTokenRow(OpaqueTokens.hash(raw), purpose.value, user.id(), user.emailNormalized(), now,
                now.plus(validFor), null));
        return raw;
    }

    /**
     * Uses a token: the user it was sent to, if it is known, of this purpose, unused, unexpired, and the account still
     * has the address it was sent to and is enabled. Every other token of the purpose for that user stops working too.
     * Empty otherwise, whatever the reason, so a caller learns nothing about other accounts.
     */
    @Transactional
    public Optional<UserRow> redeem(String raw, Purpose purpose) {
        if (raw == null || raw.isBlank() || raw.length() > 100) {
            return Optional.empty();
        }
        String hash = OpaqueTokens.hash(raw.strip());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (tokens.use(hash, purpose.value, now) != 1) {
            return Optional.empty();
        }
        AccountTokenRow token = tokens.findById(hash).orElseThrow();
        tokens.retireAll(token.userId(), purpose.value, now);
        return users.findById(token.userId())
                .filter(UserRow::enabled)
                .filter(user -> user.emailNormalized().equals(token.emailNormalized()));
    }

    /** Removes tokens expired before the cutoff (used ones included): the hourly clean-up. */
    public int deleteExpiredBefore(Instant cutoff) {
        return tokens.deleteExpiredBefore(cutoff);
    }
}
