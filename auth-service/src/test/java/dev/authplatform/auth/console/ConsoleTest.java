package dev.authplatform.auth.console;

import dev.authplatform.auth.oauth.client.ClientService;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consoles over HTTP, as a browser without JavaScript sees them: signed in through the platform's own code flow,
 * every page a page (never a problem document), admins only on {@code /console}, every form guarded by its CSRF token,
 * and bad input a clear page with nothing changed. The real-browser walk is platform-tests' ConsoleBrowserTest.
 */
@MicronautTest(transactional = false)
class ConsoleTest extends AuthServiceTest {

    static final List<String> ADMIN_PAGES = List.of("/console", "/console/users", "/console/clients", "/console/clients/new",
            "/console/keys", "/console/audit", "/console/mfa-policy");
    static final List<String> ACCOUNT_PAGES = List.of("/account", "/account/password", "/account/two-step", "/account/sessions",
            "/account/apps");

    @Test
    void anAdminSignsInThroughTheCodeFlowAndEveryPageOfBothConsolesIsAPage() {
        ConsoleBrowser admin = signIn("/console", PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        for (String path : ADMIN_PAGES) {
            HttpResponse<String> page = admin.get(path);
            assertEquals(200, page.statusCode(), path + ": " + page.body());
            assertPage(page);
        }
        String userId = api().registerSomeone().userId();
        assertEquals(200, admin.get("/console/users/" + userId).statusCode());
        assertTrue(admin.get("/console/users/" + loginAsAdmin().userId()).body().contains("Java-http-client"),
                "the console's own session shows the browser it was signed in from (the code remembered it)");
        assertEquals(200, admin.get("/console/clients/" + ClientService.BUILT_IN_CONSOLE).statusCode());

        // the account console signs in silently: the browser is still signed in on the hosted page
        admin.signInTo("/account");
        for (String path : ACCOUNT_PAGES) {
            HttpResponse<String> page = admin.get(path);
            assertEquals(200, page.statusCode(), path + ": " + page.body());
            assertPage(page);
        }
    }

    @Test
    void aUserWhoIsNotAnAdminIsRefusedEveryAdminPageAndActionAndNothingChanges() {
        Api.Response target = api().registerSomeone();
        String email = "plain-" + java.util.UUID.randomUUID() + "@platform.test";
        api().register(email, "correct-horse-1");
        ConsoleBrowser user = signIn("/account", email, "correct-horse-1");
        assertEquals(200, user.get("/account").statusCode());
        user.signInTo("/console");
        for (String path : ADMIN_PAGES) {
            HttpResponse<String> page = user.get(path);
            assertEquals(403, page.statusCode(), path);
            assertTrue(page.body().contains("Administrators only"), path);
            assertPage(page);
        }
        for (String action : List.of("/console/users/" + target.userId() + "/disable", "/console/users/" + target.userId() + "/end-sessions",
                "/console/users/" + target.userId() + "/roles", "/console/clients", "/console/keys/rotate", "/console/mfa-policy")) {
            HttpResponse<String> refused = user.post(action, Map.of("role_admin", "on", "role_user", "on", "name", "Mine",
                    "type", "public", "grant_authorization_code", "on", "redirectUris", "https://evil.example/cb"));
            assertEquals(403, refused.statusCode(), action);
        }
        assertEquals(200, api().get("/auth/me", target.accessToken()).status(), "the target's session goes on");
        Map<String, Object> after = api().get("/admin/users/" + target.userId(), loginAsAdmin().accessToken()).json();
        assertEquals(true, after.get("enabled"));
        assertEquals(List.of("user"), after.get("roles"));
        assertEquals(1, api().get("/admin/keys", loginAsAdmin().accessToken()).list("keys").stream()
                .filter(key -> "access".equals(((Map<?, ?>) key).get("use"))).count(), "no key was rotated");
    }

    @Test
    void aFormWithoutTheConsolesCsrfTokenChangesNothing() {
        Api.Response target = api().registerSomeone();
        ConsoleBrowser admin = signIn("/console", PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);

        HttpResponse<String> withoutToken = admin.postRaw("/console/users/" + target.userId() + "/disable", Map.of());
        HttpResponse<String> withAnotherToken = admin.postRaw("/console/users/" + target.userId() + "/disable", Map.of("csrf", "forged"));

        assertEquals(403, withoutToken.statusCode());
        assertTrue(withoutToken.body().contains("The form expired"));
        assertEquals(403, withAnotherToken.statusCode());
        assertEquals(200, api().get("/auth/me", target.accessToken()).status(), "the account was not disabled");

        HttpResponse<String> withToken = admin.post("/console/users/" + target.userId() + "/disable", Map.of());
        assertEquals(303, withToken.statusCode(), withToken.body());
        assertEquals(401, api().get("/auth/me", target.accessToken()).status(), "with the form's token the change is made");
    }

    @Test
    void theCallbackTakesOnlyTheSignInThisBrowserStartedAndGoesNowhereButTheConsole() {
        ConsoleBrowser browser = new ConsoleBrowser(api().base());
        HttpResponse<String> stranger = browser.get("/console/callback?code=abc&state=xyz");
        assertEquals(400, stranger.statusCode());
        assertPage(stranger);

        browser.get("/console/renew?next=%2Fconsole%2Fkeys");
        HttpResponse<String> wrongState = browser.get("/console/callback?code=abc&state=not-the-one");
        assertEquals(400, wrongState.statusCode());

        for (String next : List.of("https://evil.example/", "//evil.example/console", "/consolex", "/account", "/console\\@evil")) {
            assertEquals("/console", ConsoleArea.ADMIN.safeNext(next), next);
        }
        assertEquals("/console/users?q=a", ConsoleArea.ADMIN.safeNext("/console/users?q=a"));
        assertEquals("/account", ConsoleArea.ACCOUNT.safeNext("/account/verify-email"), "an emailed-link page is not the console's");
    }

    @Test
    void aConsoleSessionEndedElsewhereSignsInAgainAndAFormSentWithoutOneChangesNothing() {
        ConsoleBrowser admin = signIn("/console", PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        Api.Response target = api().registerSomeone();
        api().post("/admin/users/" + loginAsAdmin().userId() + "/revoke-sessions", null, loginAsAdmin().accessToken());

        HttpResponse<String> view = admin.get("/console/users");
        assertEquals(303, view.statusCode(), "a page view renews");
        assertTrue(view.headers().firstValue("Location").orElseThrow().startsWith("/console/renew?next=%2Fconsole%2Fusers"));
        HttpResponse<String> change = admin.post("/console/users/" + target.userId() + "/disable", Map.of());
        assertEquals(401, change.statusCode());
        assertTrue(change.body().contains("Nothing was changed"));
        assertEquals(200, api().get("/auth/me", target.accessToken()).status());

        // renewing fails (the session ended), so the flow starts again; the hosted page's sign-in ended too
        HttpResponse<String> renew = admin.get("/console/renew?next=%2Fconsole%2Fusers");
        assertEquals(303, renew.statusCode());
        assertTrue(renew.headers().firstValue("Location").orElseThrow().startsWith("/oauth2/authorize?"));
    }

    @Test
    void signingOutEndsTheConsolesSessionEverywhereAndOffersToEndTheBrowsersSignIn() {
        ConsoleBrowser admin = signIn("/console", PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        String consoleToken = admin.cookie("/console", "authplatform_console");
        assertEquals(200, api().get("/auth/me", consoleToken).status());

        HttpResponse<String> signedOut = admin.post("/console/signout", Map.of());

        assertEquals(303, signedOut.statusCode());
        assertEquals("/oauth2/logout", signedOut.headers().firstValue("Location").orElseThrow());
        assertEquals(401, api().get("/auth/me", consoleToken).status(), "the console's token is refused");
        assertTrue(admin.get("/console").headers().firstValue("Location").orElseThrow().startsWith("/console/renew"),
                "the cookies are gone");
    }

    @Test
    void theBuiltInConsoleClientCannotBeChangedOrDeletedThroughTheApi() {
        String admin = loginAsAdmin().accessToken();
        Api.Response update = api().put("/admin/clients/" + ClientService.BUILT_IN_CONSOLE, Api.json("name", "Mine", "type", "public",
                "grantTypes", List.of("authorization_code"), "redirectUris", List.of("https://evil.example/cb")), admin);
        Api.Response delete = api().send("DELETE", "/admin/clients/" + ClientService.BUILT_IN_CONSOLE, null, null, admin);

        assertEquals(409, update.status(), update.toString());
        assertEquals(409, delete.status(), delete.toString());
        assertEquals(List.of(api().base().replaceAll("/$", "") + "/console/callback",
                api().base().replaceAll("/$", "") + "/account/callback"),
                api().get("/admin/clients/" + ClientService.BUILT_IN_CONSOLE, admin).list("redirectUris"));
    }

    @Test
    void badInputOnTheFormsIsAClearPageAndChangesNothing() {
        ConsoleBrowser admin = signIn("/console", PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        int clients = api().get("/admin/clients", loginAsAdmin().accessToken()).array().size();

        HttpResponse<String> badFields = admin.post("/console/clients", Map.of("name", "", "type", "public",
                "grant_authorization_code", "on", "redirectUris", "https://app.example/cb", "jwks", "{not json"));
        HttpResponse<String> badRules = admin.post("/console/clients", Map.of("name", "App", "type", "public",
                "grant_client_credentials", "on", "redirectUris", "ftp://nowhere"));
        for (HttpResponse<String> refused : List.of(badFields, badRules)) {
            assertEquals(400, refused.statusCode());
            assertPage(refused);
        }
        for (String field : List.of("name-error", "jwks-error")) {
            assertTrue(badFields.body().contains("id=\"" + field + "\""), field + " is shown: " + badFields.body());
        }
        for (String field : List.of("grantTypes-error", "redirectUris-error")) {
            assertTrue(badRules.body().contains("id=\"" + field + "\""), field + " is shown: " + badRules.body());
        }
        assertEquals(clients, api().get("/admin/clients", loginAsAdmin().accessToken()).array().size(), "no client was made");

        HttpResponse<String> badFilter = admin.get("/console/audit?from=yesterday&kind=DROP%20TABLE");
        assertEquals(400, badFilter.statusCode());
        assertTrue(badFilter.body().contains("A day is written 2026-12-31."));

        assertEquals(200, admin.get("/console/users?page=abc&q=" + "%25%25%25").statusCode(), "a wild page number and query");
        assertFalse(admin.get("/console/users?q=%25").body().contains("data-user="), "% is a character, not a wildcard");
        assertEquals(404, admin.get("/console/users/not-an-id").statusCode());
        HttpResponse<String> noSuchPage = admin.get("/console/no-such-page");
        assertEquals(404, noSuchPage.statusCode());
        assertPage(noSuchPage);
        assertEquals(404, admin.get("/console/audit/999999999").statusCode());
        assertEquals(404, admin.post("/console/users/" + loginAsAdmin().userId() + "/drop", Map.of()).statusCode());

        admin.signInTo("/account");
        HttpResponse<String> noName = admin.post("/account/profile", Map.of("name", "   "));
        assertEquals(400, noName.statusCode());
        assertTrue(noName.body().contains("Enter a name of 1 to 100 characters."));
    }

    @Test
    void aConsoleChangeIsAuditedAsTheApisChangeIs() {
        Api.Response target = api().registerSomeone();
        ConsoleBrowser admin = signIn("/console", PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);

        assertEquals(303, admin.post("/console/users/" + target.userId() + "/disable", Map.of()).statusCode());

        Map<String, Object> page = api().get("/admin/audit?kind=user-disable&user=" + target.userId(), loginAsAdmin().accessToken()).json();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> content = (List<Map<String, Object>>) page.get("content");
        assertEquals(1, content.size(), page.toString());
        assertEquals(loginAsAdmin().userId(), content.getFirst().get("actor"));
        HttpResponse<String> trail = admin.get("/console/audit?kind=user-disable&user=" + target.userId());
        assertTrue(trail.body().contains("data-kind=\"user-disable\""), trail.body());
    }

    private ConsoleBrowser signIn(String console, String email, String password) {
        ConsoleBrowser browser = new ConsoleBrowser(api().base());
        browser.signInTo(console, email, password);
        return browser;
    }

    private static void assertPage(HttpResponse<String> page) {
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.startsWith("default-src 'none'; style-src 'nonce-") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(page.body().contains("Exception"), "no stack trace");
    }
}
