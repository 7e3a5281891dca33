package dev.authplatform.auth.mfa;

import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.key.PrivateKeyProtection;
import dev.authplatform.auth.oauth.OpaqueTokens;
import dev.authplatform.auth.throttle.LoginThrottle;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.apache.commons.codec.binary.Base32;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A second factor: TOTP (RFC 6238) with ten single-use recovery codes. Enrolment shows a secret (and its QR code)
 * and becomes active only once a code from the app proves the app has it. At sign-in a correct password for an
 * account with a factor gives a short-lived challenge instead of tokens; answering it with a code (never one used
 * before, never an older one) or a recovery code completes the sign-in. Wrong answers count as failed logins of the
 * account and the address (the same throttle as passwords) and void the challenge after a few.
 */
@Singleton
public class MultiFactor {

    /** The problem type of a second step whose challenge expired, was used, or took too many wrong codes. */
    public static final String CHALLENGE_ENDED = "urn:authplatform:problem:mfa-challenge-ended";
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int RECOVERY_CODES = 10;

    private final TotpRepository totp;
    private final RecoveryCodeRepository recoveryCodes;
    private final MfaChallengeRepository challenges;
    private final UserRepository users;
    private final PrivateKeyProtection sealing;
    private final LoginThrottle throttle;
    private final MfaSettings settings;
    private final SecurityAudit audit;

    MultiFactor(TotpRepository totp, RecoveryCodeRepository recoveryCodes, MfaChallengeRepository challenges, UserRepository users,
                PrivateKeyProtection sealing, LoginThrottle throttle, MfaSettings settings, SecurityAudit audit) {
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.challenges = challenges;
        this.users = users;
        this.sealing = sealing;
        this.throttle = throttle;
        this.settings = settings;
        this.audit = audit;
    }

    /** What an authenticator app needs: the secret, the otpauth URI with it, and that URI as a QR code. */
    public record Enrolment(String secret, String otpauthUri, String qrCode) {
    }

    /** Whether the user has an active (confirmed) factor. */
    public boolean enabled(UUID userId) {
        return totp.findById(userId).map(row -> row.confirmedAt() != null).orElse(false);
    }

    /** Recovery codes not used yet. */
    public long recoveryCodesLeft(UUID userId) {
        return recoveryCodes.countUnused(userId);
    }

    /** A new secret to add to an app; replaces an unconfirmed one. 409 while a confirmed factor exists. */
    public Enrolment startEnrolment(UserRow user) {
        String secret = TotpCodes.newSecret();
        if (totp.startEnrolment(user.id(), sealing.sealSecret(secret), now()) == 0) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Already enabled",
                    "Multi-factor sign-in is already on; turn it off first to enrol another app.");
        }
        String label = encode(settings.issuerName()) + ":" + encode(user.email());
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(settings.issuerName())
                + "&algorithm=SHA1&digits=" + TotpCodes.DIGITS + "&period=" + TotpCodes.STEP.toSeconds();
        return new Enrolment(secret, uri, EnrolmentQrCode.dataUri(uri));
    }

    /** A code from the app turns the factor on; answers the ten recovery codes, shown this once. */
    public List<String> confirmEnrolment(UserRow user, String code) {
        TotpRow row = totp.findById(user.id()).orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT,
                "Nothing to confirm", "Start the enrolment first (POST /auth/mfa/totp)."));
        if (row.confirmedAt() != null) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Already enabled", "Multi-factor sign-in is already on.");
        }
        if (!acceptCode(row, code)) {
            audit.mfaFailed(user.id(), null, "enrolment");
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid code",
                    "The code is not the app's current one; check the device's clock and try the next code.");
        }
        totp.confirm(user.id(), now());
        List<String> codes = newRecoveryCodes(user.id());
        audit.mfaChanged(user.id(), user.id().toString(), "enabled");
        return codes;
    }

    /** New recovery codes; the old ones stop working. */
    @Transactional
    public List<String> regenerateRecoveryCodes(UUID userId) {
        if (!enabled(userId)) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Not enabled", "Multi-factor sign-in is off.");
        }
        List<String> codes = newRecoveryCodes(userId);
        audit.mfaChanged(userId, userId.toString(), "recovery-codes-regenerated");
        return codes;
    }

    /** Turns the factor off and removes its recovery codes ({@code actor}: the user, or the admin who reset it). */
    @Transactional
    public void remove(UUID userId, String actor) {
        totp.remove(userId);
        recoveryCodes.removeAll(userId);
        audit.mfaChanged(userId, actor, actor.equals(userId.toString()) ? "disabled" : "reset-by-admin");
    }

    /** After a correct password: the token of the second step, valid for minutes. */
    public String challenge(UserRow user) {
        String token = OpaqueTokens.generate();
        Instant now = now();
        challenges.save(new MfaChallengeRow(OpaqueTokens.hash(token), user.id(), now, now.plus(settings.challengeTtl()), 0, null));
        return token;
    }

    /** How long a challenge lives, in seconds. */
    public long challengeSeconds() {
        return settings.challengeTtl().toSeconds();
    }

    /**
     * The second step: the user behind a live challenge answered with a valid TOTP code or an unused recovery code.
     * Throttled with the account's and the address's failed logins; 401 for a wrong answer or a dead challenge.
     */
    public UserRow answer(String mfaToken, String code, String recoveryCode, String clientAddress) {
        String hash = OpaqueTokens.hash(mfaToken == null ? "" : mfaToken);
        Instant now = now();
        MfaChallengeRow challenge = challenges.findById(hash)
                .filter(row -> row.usedAt() == null && row.expiresAt().isAfter(now))
                .orElseThrow(MultiFactor::deadChallenge);
        UserRow user = users.findById(challenge.userId()).filter(UserRow::enabled)
                // a password reset, "log out everywhere" or an admin's revoke since the password was given voids it too
                .filter(row -> row.tokensNotBefore() == null || !challenge.createdAt().isBefore(row.tokensNotBefore()))
                .orElseThrow(MultiFactor::deadChallenge);
        throttle.checkAllowed(user.emailNormalized(), clientAddress);
        boolean right = recoveryCode != null && !recoveryCode.isBlank()
                ? useRecoveryCode(user.id(), recoveryCode)
                : totp.findById(user.id()).filter(row -> row.confirmedAt() != null).map(row -> acceptCode(row, code)).orElse(false);
        if (!right) {
            challenges.fail(hash, settings.challengeTries(), now);
            throttle.recordFailure(user.emailNormalized(), clientAddress);
            audit.mfaFailed(user.id(), clientAddress, "signin");
            throw wrongCode();
        }
        if (challenges.use(hash, now) != 1) {
            throw deadChallenge(); // answered at the same moment by another request
        }
        throttle.recordSuccess(user.emailNormalized());
        audit.mfaSucceeded(user.id(), clientAddress, recoveryCode != null && !recoveryCode.isBlank() ? "recovery-code" : "totp");
        return user;
    }

    /** Deletes challenges that expired a day ago or more. */
    public int deleteExpiredChallenges(Instant cutoff) {
        return challenges.deleteExpiredBefore(cutoff);
    }

    private boolean acceptCode(TotpRow row, String code) {
        OptionalLong step = TotpCodes.matchingStep(sealing.openSecret(row.secret()), code == null ? null : code.strip(), Instant.now());
        // a step is taken once: a code seen before, or one older than a code already taken, is refused
        return step.isPresent() && totp.acceptStep(row.userId(), step.getAsLong()) == 1;
    }

    private boolean useRecoveryCode(UUID userId, String code) {
        return recoveryCodes.use(OpaqueTokens.hash(normalize(code)), userId, now()) == 1;
    }

    private List<String> newRecoveryCodes(UUID userId) {
        recoveryCodes.removeAll(userId);
        List<String> codes = new ArrayList<>();
        Base32 base32 = new Base32();
        Instant now = now();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bits = new byte[10]; // 80 bits: 16 Base32 characters
            RANDOM.nextBytes(bits);
            String code = base32.encodeToString(bits).toLowerCase(Locale.ROOT);
            String shown = code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12) + "-" + code.substring(12, 16);
            recoveryCodes.save(new RecoveryCodeRow(OpaqueTokens.hash(code), userId, now, null));
            codes.add(shown);
        }
        return codes;
    }

    /** As typed: any case, with or without the dashes and spaces. */
    private static String normalize(String code) {
        return code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static ProblemException wrongCode() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.INVALID_CREDENTIALS, "Invalid code",
                "The code is not correct, was already used, or is from another moment.", Map.of("WWW-Authenticate", "Bearer"));
    }

    static ProblemException deadChallenge() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, CHALLENGE_ENDED, "Sign in again",
                "The sign-in expired or took too many wrong codes; sign in with your password again.", Map.of("WWW-Authenticate", "Bearer"));
    }
}
