package dev.authplatform.auth.verification;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Browser;
import dev.authplatform.common.testing.Inbox;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.HtmlForms;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.context.annotation.Value;
import dev.authplatform.common.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration emails a link; following it proves the address, once. Read from a real SMTP server's inbox. */
@MicronautTest(transactional = false)
class EmailVerificationTest extends AuthServiceTest {

    private final Inbox inbox = Inbox.started();

    @Value("${datasources.default.url}")
    String databaseUrl;

    @Override
    protected Map<String, String> extraProperties() {
        return inbox.properties();
    }

    @AfterAll
    void stopInbox() {
        inbox.close();
    }

    @Test
    void registrationEmailsALinkThatConfirmsTheAddressOnce() {
        String email = Inbox.newAddress();
        Api.Response registered = api().register(email, "correct-horse-1");
        assertEquals(false, registered.object("user").get("emailVerified"));

        Inbox.Received mail = inbox.awaitMessage(email);
        assertEquals("Confirm your email address", mail.subject());
        assertEquals(java.util.List.of(email), mail.to());
        assertTrue(mail.html().contains(mail.link().toString().replace("&", "&amp;")), "the HTML part carries the same link");
        assertTrue(mail.link().toString().startsWith(server.getURL() + "/account/verify-email?token="), mail.link().toString());

        Browser browser = new Browser();
        HttpResponse<String> page = browser.get(mail.link());
        assertEquals(200, page.statusCode());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));
        assertEquals(false, api().get("/auth/me", registered.accessToken()).json().get("emailVerified"), "opening the link changes nothing");

        HttpResponse<String> confirmed = browser.postForm(URI.create(server.getURL() + "/account/verify-email"), HtmlForms.hiddenFields(page.body()));
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertTrue(confirmed.body().contains("Address confirmed"));
        assertEquals(true, api().get("/auth/me", registered.accessToken()).json().get("emailVerified"));

        HttpResponse<String> again = browser.postForm(URI.create(server.getURL() + "/account/verify-email"), HtmlForms.hiddenFields(page.body()));
        assertEquals(400, again.statusCode(), "a link works once");
        assertEquals(400, api().post("/auth/email/verify", json("token", mail.token())).status());
    }

    @Test
    void theJsonEndpointVerifiesAndAnswersTheAccount() {
        String email = Inbox.newAddress();
        api().register(email, "correct-horse-1");

        Api.Response verified = api().post("/auth/email/verify", json("token", inbox.awaitMessage(email).token()));

        assertEquals(200, verified.status(), verified.toString());
        assertEquals(email, verified.string("email"));
        assertEquals(true, verified.json().get("emailVerified"));
        assertEquals(200, api().login(email, "correct-horse-1").status());
    }

    @Test
    void tamperedUnknownAndEmptyTokensAreRefusedAlike() {
        String email = Inbox.newAddress();
        Api.Response registered = api().register(email, "correct-horse-1");
        String token = inbox.awaitMessage(email).token();
        String tampered = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);

        for (String bad : new String[]{tampered, "not-a-token", token + "x"}) {
            Api.Response refused = api().post("/auth/email/verify", json("token", bad));
            assertEquals(400, refused.status(), bad);
            assertEquals("urn:authplatform:problem:invalid-link", refused.string("type"));
        }
        assertEquals(400, api().post("/auth/email/verify", json("token", "")).status());
        assertEquals(400, api().post("/auth/email/verify", "{}").status());
        assertEquals(false, api().get("/auth/me", registered.accessToken()).json().get("emailVerified"));
        assertEquals(200, api().post("/auth/email/verify", json("token", token)).status(), "the real one still works");
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        String email = Inbox.newAddress();
        Api.Response registered = api().register(email, "correct-horse-1");
        String token = inbox.awaitMessage(email).token();
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(databaseUrl, infrastructure.username(), infrastructure.password());
             PreparedStatement expire = connection.prepareStatement(
                     "UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = ?::uuid")) {
            expire.setString(1, registered.userId());
            assertEquals(1, expire.executeUpdate());
        }

        assertEquals(400, api().post("/auth/email/verify", json("token", token)).status());
        assertEquals(false, api().get("/auth/me", registered.accessToken()).json().get("emailVerified"));
    }

    @Test
    void askingAgainSendsANewLinkAndRetiresTheOldOne() {
        String email = Inbox.newAddress();
        api().register(email, "correct-horse-1");
        String first = inbox.awaitMessage(email, 1).token();

        assertEquals(202, api().post("/auth/email/verification", json("email", email.toUpperCase())).status());
        String second = inbox.awaitMessage(email, 2).token();

        assertEquals(400, api().post("/auth/email/verify", json("token", first)).status(), "a newer link retires the older");
        assertEquals(200, api().post("/auth/email/verify", json("token", second)).status());
        assertEquals(202, api().post("/auth/email/verification", json("email", email)).status(), "verified: the same answer...");
        afterMailQueuedSoFarArrived();
        assertEquals(2, inbox.messagesTo(email).size(), "...and no mail");
    }

    /** Links are made after the answer: a mail asked for later, once it arrives, shows the earlier ones had their turn. */
    private void afterMailQueuedSoFarArrived() {
        String witness = Inbox.newAddress();
        api().register(witness, "correct-horse-1");
        inbox.awaitMessage(witness);
    }

    @Test
    void askingForAnUnknownAddressAnswersTheSameAndSendsNothing() {
        String unknown = Inbox.newAddress();

        Api.Response answer = api().post("/auth/email/verification", json("email", unknown));

        assertEquals(202, answer.status());
        assertEquals("", answer.body());
        afterMailQueuedSoFarArrived();
        assertEquals(List.of(), inbox.messagesTo(unknown));
        assertEquals(400, api().post("/auth/email/verification", json("email", "not an address")).status());
    }

    @Test
    void askingIsThrottledPerAddress() {
        String email = Inbox.newAddress();
        api().register(email, "correct-horse-1");
        for (int i = 0; i < 3; i++) {
            assertEquals(202, api().post("/auth/email/verification", json("email", email)).status());
        }

        Api.Response refused = api().post("/auth/email/verification", json("email", email));

        assertEquals(429, refused.status());
        assertNotNull(refused.header("Retry-After"));
        assertFalse(refused.body().contains(email), "the answer does not echo the address");
    }

    @Test
    void templateSyntaxInTheNameIsShownNotEvaluated() {
        String email = Inbox.newAddress();
        String name = "[(${'eval' + '!!' + 'uated'})] [[${T(java.lang.System).getenv()}]]";
        assertEquals(201, api().post("/auth/register", json("email", email, "password", "correct-horse-1", "name", name)).status());

        Inbox.Received mail = inbox.awaitMessage(email);

        assertTrue(mail.text().contains(name), mail.text());
        assertTrue(!mail.text().contains("eval!!uated") && !mail.html().contains("eval!!uated"), "nothing in a name is evaluated");
    }

    @Test
    void aLineBreakInTheNameIsRefusedSoItCanNeverBecomeAHeader() {
        String email = Inbox.newAddress();
        Api.Response refused = api().post("/auth/register",
                json("email", email, "password", "correct-horse-1", "name", "Eve\r\nBcc: victim@platform.test"));
        assertEquals(400, refused.status(), refused.toString());
        Api.Response registered = api().register(email, "correct-horse-1");
        assertEquals(201, registered.status(), registered.toString());

        Inbox.Received mail = inbox.awaitMessage(email);

        assertEquals(null, mail.header("Bcc"));
        assertEquals(java.util.List.of(email), mail.to());
        assertTrue(inbox.messagesTo("victim@platform.test").isEmpty());
    }

    @Test
    void htmlInTheNameIsEscapedInTheHtmlPart() {
        String email = Inbox.newAddress();
        Api.Response registered = api().post("/auth/register",
                json("email", email, "password", "correct-horse-1", "name", "Eve <b>bold</b>"));
        assertEquals(201, registered.status(), registered.toString());

        Inbox.Received mail = inbox.awaitMessage(email);

        assertTrue(mail.html().contains("&lt;b&gt;bold&lt;/b&gt;"), "HTML in the name is escaped in the HTML part");
    }
}
