package dev.authplatform.auth.recovery;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Browser;
import dev.authplatform.common.testing.Inbox;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.HtmlForms;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A forgotten password, reset by the emailed link: the JSON endpoint and the hosted form, with a real SMTP server. */
@MicronautTest(transactional = false)
class PasswordResetTest extends AuthServiceTest {

    private final Inbox inbox = Inbox.started();

    @Override
    protected Map<String, String> extraProperties() {
        return inbox.properties();
    }

    @AfterAll
    void stopInbox() {
        inbox.close();
    }

    @Test
    void aResetByTheEmailedLinkSetsTheNewPasswordAndEndsEverySession() {
        String email = Inbox.newAddress();
        Api.Response first = api().register(email, "correct-horse-1");
        Api.Response second = api().login(email, "correct-horse-1");

        assertEquals(202, api().post("/auth/password/forgot", json("email", email)).status());
        Inbox.Received mail = inbox.awaitMessage(email, 2); // the first is the verification link
        assertEquals("Reset your password", mail.subject());
        assertTrue(mail.link().toString().startsWith(server.getURL() + "/account/reset-password?token="));

        Api.Response reset = api().post("/auth/password/reset", json("token", mail.token(), "newPassword", "battery-staple-2"));

        assertEquals(204, reset.status(), reset.toString());
        for (Api.Response session : List.of(first, second)) {
            assertEquals(401, api().get("/auth/me", session.accessToken()).status(), "every access token is refused");
            assertEquals(401, api().post("/auth/refresh", json("refreshToken", session.refreshToken())).status());
        }
        assertEquals(401, api().login(email, "correct-horse-1").status());
        Api.Response signedIn = api().login(email, "battery-staple-2");
        assertEquals(200, signedIn.status());
        assertEquals(true, signedIn.object("user").get("emailVerified"), "the link proved the address too");
        assertEquals(400, api().post("/auth/password/reset", json("token", mail.token(), "newPassword", "another-one-3")).status(),
                "a link works once");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() {
        String known = Inbox.newAddress();
        api().register(known, "correct-horse-1");
        inbox.awaitMessage(known);
        String unknown = Inbox.newAddress();

        Api.Response forUnknown = api().post("/auth/password/forgot", json("email", unknown));
        Api.Response forKnown = api().post("/auth/password/forgot", json("email", known));

        assertEquals(forKnown.status(), forUnknown.status());
        assertEquals(202, forUnknown.status());
        assertEquals(forKnown.body(), forUnknown.body());
        inbox.awaitMessage(known, 2); // asked for after the unknown address: had that one been sent, it came first
        assertEquals(List.of(), inbox.messagesTo(unknown), "no mail where no account is");
    }

    @Test
    void badLinksAndBadPasswordsChangeNothing() {
        String email = Inbox.newAddress();
        api().register(email, "correct-horse-1");
        api().post("/auth/password/forgot", json("email", email));
        String token = inbox.awaitMessage(email, 2).token();
        String tampered = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);
        String verification = inbox.awaitMessage(email, 1).token();

        assertEquals(400, api().post("/auth/password/reset", json("token", tampered, "newPassword", "battery-staple-2")).status());
        assertEquals(400, api().post("/auth/password/reset", json("token", verification, "newPassword", "battery-staple-2")).status(),
                "a verification link is no reset link");
        assertEquals(400, api().post("/auth/password/reset", json("token", token, "newPassword", "short")).status());
        assertEquals(400, api().post("/auth/password/reset", json("newPassword", "battery-staple-2")).status());
        assertEquals(400, api().post("/auth/password/forgot", json("email", email + "\r\nBcc: victim@platform.test")).status());
        assertEquals(200, api().login(email, "correct-horse-1").status(), "nothing changed");

        assertEquals(204, api().post("/auth/password/reset", json("token", token, "newPassword", "battery-staple-2")).status(),
                "the real link still works after the refusals");
    }

    @Test
    void aNewerLinkRetiresTheOlder() {
        String email = Inbox.newAddress();
        api().register(email, "correct-horse-1");
        api().post("/auth/password/forgot", json("email", email));
        String older = inbox.awaitMessage(email, 2).token();
        api().post("/auth/password/forgot", json("email", email));
        String newer = inbox.awaitMessage(email, 3).token();

        assertEquals(400, api().post("/auth/password/reset", json("token", older, "newPassword", "battery-staple-2")).status());
        assertEquals(204, api().post("/auth/password/reset", json("token", newer, "newPassword", "battery-staple-2")).status());
    }

    @Test
    void requestsAreThrottledPerAddressWhetherOrNotItHasAnAccount() {
        String unknown = Inbox.newAddress();
        for (int i = 0; i < 3; i++) {
            assertEquals(202, api().post("/auth/password/forgot", json("email", unknown)).status());
        }

        Api.Response refused = api().post("/auth/password/forgot", json("email", unknown));

        assertEquals(429, refused.status());
        assertNotNull(refused.header("Retry-After"));
        assertEquals("application/problem+json", refused.header("Content-Type"));
    }

    @Test
    void theHostedPagesResetThePassword() {
        String email = Inbox.newAddress();
        api().register(email, "correct-horse-1");
        Browser browser = new Browser();
        URI forgot = URI.create(server.getURL() + "/account/forgot-password");
        assertEquals(200, browser.get(forgot).statusCode());
        HttpResponse<String> sent = browser.postForm(forgot, Map.of("email", email));
        assertEquals(200, sent.statusCode());
        assertTrue(sent.body().contains("Check your inbox"));

        Inbox.Received mail = inbox.awaitMessage(email, 2);
        HttpResponse<String> form = browser.get(mail.link());
        assertEquals(200, form.statusCode());
        Map<String, String> fields = new HashMap<>(HtmlForms.hiddenFields(form.body()));
        URI target = URI.create(server.getURL() + "/account/reset-password");

        fields.putAll(Map.of("password", "battery-staple-2", "confirm", "battery-staple-3"));
        HttpResponse<String> mismatch = browser.postForm(target, fields);
        assertEquals(400, mismatch.statusCode());
        assertTrue(mismatch.body().contains("not the same"));

        fields.put("confirm", "battery-staple-2");
        HttpResponse<String> done = browser.postForm(target, fields);
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("Password changed"));
        assertEquals(200, api().login(email, "battery-staple-2").status());
        assertEquals(400, browser.postForm(target, fields).statusCode(), "the form's link works once");
    }

    @Test
    void theTrailRecordsEachStepWithoutTheAddressOrTheLink() {
        String admin = loginAsAdmin().accessToken();
        String email = Inbox.newAddress();
        String user = api().register(email, "correct-horse-1").userId();
        String verification = inbox.awaitMessage(email, 1).token();
        assertEquals(200, api().post("/auth/email/verify", json("token", verification)).status());
        api().post("/auth/password/forgot", json("email", email));
        String reset = inbox.awaitMessage(email, 2).token();
        assertEquals(400, api().post("/auth/password/reset", json("token", reset + "x", "newPassword", "battery-staple-2")).status());
        assertEquals(204, api().post("/auth/password/reset", json("token", reset, "newPassword", "battery-staple-2")).status());

        Api.Response trail = api().get("/admin/audit?user=" + user + "&order=oldest", admin);

        assertEquals(List.of("register", "email-verification-sent", "email-verify", "password-reset-request", "all-sessions-end",
                "password-reset"), ((List<?>) trail.json().get("content")).stream().map(e -> ((Map<?, ?>) e).get("kind")).toList());
        String all = api().get("/admin/audit?kind=password-reset&order=newest&size=50", admin).body();
        assertTrue(all.contains("invalid-link"), "the refused link is recorded: " + all);
        for (String secret : List.of(email, verification, reset, "battery-staple-2")) {
            assertTrue(!trail.body().contains(secret) && !all.contains(secret), "never in the trail: " + secret);
        }
    }
}
