package dev.authplatform.auth.mfa;

import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Totp;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TOTP as a second factor through the JSON API: enrolment, the two-step login, recovery codes, replay and guessing.
 * Codes are computed by the test's own RFC 6238 implementation from the secret the service showed.
 */
@MicronautTest(transactional = false)
class MultiFactorTest extends AuthServiceTest {

    private static final String PASSWORD = "correct-horse-1";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.throttle.account-limit", "8");
    }

    @Test
    void theTestsOwnTotpIsRfc6238() {
        byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII); // RFC 6238 appendix B, SHA1
        assertEquals("94287082", Totp.code(key, 59 / 30, 8));
        assertEquals("07081804", Totp.code(key, 1111111109L / 30, 8));
    }

    @Test
    void enrolmentShowsTheSecretAndOnlyACodeTurnsItOn() {
        Account account = register();
        Api.Response enrolment = api().post("/auth/mfa/totp", null, account.token);
        assertEquals(200, enrolment.status(), enrolment.toString());
        String secret = enrolment.string("secret");
        assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
        assertTrue(enrolment.string("otpauthUri").startsWith("otpauth://totp/Auth%20Platform:" + account.email.replace("@", "%40")));
        assertTrue(enrolment.string("otpauthUri").contains("secret=" + secret));
        String svg = new String(Base64.getDecoder().decode(enrolment.string("qrCode").substring("data:image/svg+xml;base64,".length())),
                StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<svg") && svg.contains("<path"), svg);
        assertEquals(200, api().login(account.email, PASSWORD).status(), "not on before a code confirms it");

        assertEquals(400, api().post("/auth/mfa/totp/confirm", json("code", Totp.wrongCode(secret)), account.token).status());
        Api.Response confirmed = api().post("/auth/mfa/totp/confirm", json("code", Totp.code(secret, Totp.step(Instant.now()))), account.token);

        assertEquals(200, confirmed.status(), confirmed.toString());
        List<Object> codes = confirmed.list("recoveryCodes");
        assertEquals(10, codes.size());
        assertEquals(10, codes.stream().distinct().count());
        assertEquals(Map.of("totpEnabled", true, "recoveryCodesLeft", 10L), Map.of("totpEnabled", api().get("/auth/mfa", account.token).json().get("totpEnabled"),
                "recoveryCodesLeft", ((Number) api().get("/auth/mfa", account.token).json().get("recoveryCodesLeft")).longValue()));
        assertEquals(409, api().post("/auth/mfa/totp", null, account.token).status(), "one app at a time");
    }

    @Test
    void aPasswordAloneGetsASecondStepAndACodeCompletesIt() throws Exception {
        Account account = registerWithMfa();

        Api.Response first = api().login(account.email, PASSWORD);
        assertEquals(401, first.status());
        assertEquals("urn:authplatform:problem:mfa-required", first.string("type"));
        assertEquals("application/problem+json", first.header("Content-Type"));
        assertNull(first.json().get("accessToken"));
        assertTrue(((Number) first.json().get("expiresIn")).longValue() > 0);

        Api.Response second = api().post("/auth/login/mfa", json("mfaToken", first.string("mfaToken"),
                "code", Totp.code(account.secret, account.confirmedStep + 1)));

        assertEquals(200, second.status(), second.toString());
        assertEquals(List.of("pwd", "otp"), SignedJWT.parse(second.accessToken()).getJWTClaimsSet().getStringListClaim("amr"));
        Api.Response refreshed = api().post("/auth/refresh", json("refreshToken", second.refreshToken()));
        assertEquals(List.of("pwd", "otp"), SignedJWT.parse(refreshed.accessToken()).getJWTClaimsSet().getStringListClaim("amr"),
                "a refreshed token says how its session signed in");
        assertEquals(401, api().post("/auth/login/mfa", json("mfaToken", first.string("mfaToken"),
                "code", Totp.code(account.secret, account.confirmedStep + 1))).status(), "a challenge is answered once");
    }

    @Test
    void noCodeIsAcceptedTwiceNorAnOlderOne() {
        Account account = registerWithMfa();
        String used = Totp.code(account.secret, account.confirmedStep + 1);
        assertEquals(200, secondStep(account, used, null).status());

        assertEquals(401, secondStep(account, used, null).status(), "the same code again");
        assertEquals(401, secondStep(account, Totp.code(account.secret, account.confirmedStep), null).status(), "an older step");
        assertEquals(401, secondStep(account, Totp.code(account.secret, account.confirmedStep + 5), null).status(), "from another moment");
    }

    @Test
    void wrongAndMalformedCodesAreRefusedAndVoidTheChallenge() {
        Account account = registerWithMfa();
        String mfaToken = api().login(account.email, PASSWORD).string("mfaToken");
        for (String bad : List.of(Totp.wrongCode(account.secret), "12345", "abcdef", "")) {
            Api.Response refused = api().post("/auth/login/mfa", json("mfaToken", mfaToken, "code", bad));
            assertEquals(401, refused.status(), bad);
            assertNull(refused.json().get("accessToken"));
        }
        api().post("/auth/login/mfa", json("mfaToken", mfaToken, "code", Totp.wrongCode(account.secret))); // the fifth

        Api.Response voided = api().post("/auth/login/mfa", json("mfaToken", mfaToken, "code", Totp.code(account.secret, account.confirmedStep + 1)));
        assertEquals(401, voided.status(), "five wrong codes void the challenge, even for the right one");
        assertEquals(MultiFactor.CHALLENGE_ENDED, voided.string("type"));
        assertEquals(401, api().post("/auth/login/mfa", json("mfaToken", "made-up", "code", "123456")).status());
        assertEquals(400, api().post("/auth/login/mfa", json("code", "123456")).status());
    }

    @Test
    void guessingIsThrottledLikePasswords() {
        Account account = registerWithMfa();
        for (int i = 0; i < 8; i++) {
            String mfaToken = api().login(account.email, PASSWORD).string("mfaToken");
            assertEquals(401, api().post("/auth/login/mfa", json("mfaToken", mfaToken, "code", Totp.wrongCode(account.secret))).status());
        }

        Api.Response throttled = api().login(account.email, PASSWORD);

        assertEquals(429, throttled.status(), "failed second steps count as failed logins of the account");
        assertNotNull(throttled.header("Retry-After"));
    }

    @Test
    void aPendingSecondStepDiesWithLogoutEverywhere() {
        Account account = registerWithMfa();
        String mfaToken = api().login(account.email, PASSWORD).string("mfaToken");

        assertEquals(204, api().post("/auth/logout-all", null, account.token).status());

        Api.Response refused = api().post("/auth/login/mfa", json("mfaToken", mfaToken, "code", Totp.code(account.secret, account.confirmedStep + 1)));
        assertEquals(401, refused.status(), "a password given before 'log out everywhere' no longer counts");
        assertEquals(MultiFactor.CHALLENGE_ENDED, refused.string("type"));
    }

    @Test
    void aStolenAccessTokenCannotGuessThePasswordThatTurnsItOff() {
        Account account = registerWithMfa();
        for (int i = 0; i < 8; i++) {
            assertEquals(403, api().post("/auth/mfa/disable", json("password", "guess-" + i + "-horse"), account.token).status());
        }

        Api.Response throttled = api().post("/auth/mfa/disable", json("password", PASSWORD), account.token);

        assertEquals(429, throttled.status(), "wrong passwords asked again count as failed logins: " + throttled);
        assertNotNull(throttled.header("Retry-After"));
        assertEquals(true, api().get("/auth/mfa", account.token).json().get("totpEnabled"));
    }

    @Test
    void aRecoveryCodeSignsInOnce() throws Exception {
        Account account = registerWithMfa();
        String recovery = account.recoveryCodes.get(3).toUpperCase().replace("-", " ");

        Api.Response signedIn = secondStep(account, null, recovery);

        assertEquals(200, signedIn.status(), signedIn.toString());
        assertEquals(List.of("pwd", "otp"), SignedJWT.parse(signedIn.accessToken()).getJWTClaimsSet().getStringListClaim("amr"));
        assertEquals(401, secondStep(account, null, recovery).status(), "used up");
        assertEquals(9L, ((Number) api().get("/auth/mfa", signedIn.accessToken()).json().get("recoveryCodesLeft")).longValue());
    }

    @Test
    void turningItOffTakesThePasswordAndAnAdminCanResetIt() throws Exception {
        Account account = registerWithMfa();
        String token = secondStep(account, Totp.code(account.secret, account.confirmedStep + 1), null).accessToken();

        assertEquals(403, api().post("/auth/mfa/disable", json("password", "wrong-horse-1"), token).status());
        assertEquals(204, api().post("/auth/mfa/disable", json("password", PASSWORD), token).status());
        Api.Response passwordOnly = api().login(account.email, PASSWORD);
        assertEquals(200, passwordOnly.status());
        assertEquals(List.of("pwd"), SignedJWT.parse(passwordOnly.accessToken()).getJWTClaimsSet().getStringListClaim("amr"));

        Account other = registerWithMfa();
        assertEquals(403, api().post("/admin/users/" + other.id + "/mfa/reset", null, token).status(), "admins only");
        assertEquals(204, api().post("/admin/users/" + other.id + "/mfa/reset", null, loginAsAdmin().accessToken()).status());
        assertEquals(200, api().login(other.email, PASSWORD).status(), "the password alone again, after an admin's reset");
    }

    private Api.Response secondStep(Account account, String code, String recoveryCode) {
        Api.Response first = api().login(account.email, PASSWORD);
        assertEquals(401, first.status(), first.toString());
        return api().post("/auth/login/mfa", recoveryCode == null ? json("mfaToken", first.string("mfaToken"), "code", code)
                : json("mfaToken", first.string("mfaToken"), "recoveryCode", recoveryCode));
    }

    private record Account(String id, String email, String token, String secret, long confirmedStep, List<String> recoveryCodes) {
    }

    private Account register() {
        String email = "mfa-" + UUID.randomUUID() + "@platform.test";
        Api.Response registered = api().register(email, PASSWORD);
        return new Account(registered.userId(), email, registered.accessToken(), null, 0, List.of());
    }

    /** A new account with TOTP on; its code for {@code confirmedStep} was taken at enrolment. */
    private Account registerWithMfa() {
        Account account = register();
        String secret = api().post("/auth/mfa/totp", null, account.token).string("secret");
        long step = Totp.step(Instant.now());
        Api.Response confirmed = api().post("/auth/mfa/totp/confirm", json("code", Totp.code(secret, step)), account.token);
        assertEquals(200, confirmed.status(), confirmed.toString());
        return new Account(account.id, account.email, account.token, secret, step,
                confirmed.list("recoveryCodes").stream().map(Object::toString).toList());
    }
}
