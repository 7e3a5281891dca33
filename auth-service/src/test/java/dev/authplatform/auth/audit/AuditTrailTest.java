package dev.authplatform.auth.audit;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Browser;
import dev.authplatform.auth.support.CodeFlow;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /admin/audit}: a scripted flow's security events are in PostgreSQL, in order, each with its time, kind,
 * actor, subject, client, address, outcome and request id; they can be filtered by user, client, kind and time,
 * and paged; old ones go after the retention. Admins only.
 */
@MicronautTest(transactional = false)
class AuditTrailTest extends AuthServiceTest {

    @Inject
    AuditRepository rows;
    @Inject
    AuditCleanup cleanup;

    @Test
    void aUsersFlowReadsBackInOrder() throws Exception {
        String admin = loginAsAdmin().accessToken();
        String email = "flow-" + UUID.randomUUID() + "@platform.test";
        Api.Response registered = api().register(email, "correct-horse-1");
        String user = registered.userId();
        api().login(email, "wrong-horse-1");
        Api.Response login = api().login(email, "correct-horse-1");
        api().post("/auth/refresh", Api.json("refreshToken", login.refreshToken()));
        api().post("/auth/refresh", Api.json("refreshToken", login.refreshToken())); // reuse: the session ends
        Api.Response again = api().login(email, "correct-horse-1");
        assertEquals(204, api().put("/auth/me/password", Api.json("currentPassword", "correct-horse-1",
                "newPassword", "correct-horse-2"), again.accessToken()).status());
        assertEquals(200, api().put("/admin/users/" + user + "/roles", Api.json("roles", List.of("user", "admin")), admin).status());
        assertEquals(200, api().post("/admin/users/" + user + "/disable", null, admin).status());
        assertEquals(200, api().post("/admin/users/" + user + "/enable", null, admin).status());

        List<Map<String, Object>> events = content(api().get("/admin/audit?user=" + user + "&order=oldest", admin));

        assertEquals(List.of("register", "email-verification-sent", "login", "login", "refresh-reuse", "session-end", "login",
                        "all-sessions-end", "password-change", "role-change", "user-disable", "all-sessions-end", "user-enable"),
                events.stream().map(e -> e.get("kind")).toList(), events.toString());
        assertEquals(List.of("success", "success", "failure", "success", "failure"),
                events.subList(0, 5).stream().map(e -> e.get("outcome")).toList());
        Map<String, Object> failure = events.get(2);
        assertEquals(user, failure.get("subject"));
        assertEquals("127.0.0.1", failure.get("address"));
        assertTrue(String.valueOf(failure.get("detail")).startsWith("account="), "a digest, never the address: " + failure);
        Map<String, Object> roleChange = events.get(9);
        assertEquals(adminId(admin), roleChange.get("actor"));
        assertEquals("roles=user+admin", roleChange.get("detail"));
        for (int i = 1; i < events.size(); i++) {
            assertTrue(((Number) events.get(i).get("id")).longValue() > ((Number) events.get(i - 1).get("id")).longValue());
            assertFalse(Instant.parse((String) events.get(i).get("time")).isBefore(Instant.parse((String) events.get(i - 1).get("time"))));
        }
        String all = api().get("/admin/audit?user=" + user, admin).body();
        assertFalse(all.contains(email) || all.contains("horse") || all.contains(login.refreshToken()), "no secret is stored");

        List<Map<String, Object>> newestFirst = content(api().get("/admin/audit?user=" + user, admin));
        assertEquals("user-enable", newestFirst.get(0).get("kind"), "newest first by default");
        assertEquals(List.of("login", "login", "login"),
                content(api().get("/admin/audit?user=" + user + "&kind=login", admin)).stream().map(e -> e.get("kind")).toList());
    }

    @Test
    void eachEventCarriesItsRequestsId() throws Exception {
        String admin = loginAsAdmin().accessToken();
        String email = "traced-" + UUID.randomUUID() + "@platform.test";
        api().register(email, "correct-horse-1");
        Api.Response failed = api().send("POST", "/auth/login", "application/json",
                Api.json("email", email, "password", "wrong-horse-1"), null, Map.of("X-Request-Id", "chosen-by-the-client"));
        String requestId = failed.header("X-Request-Id");
        assertTrue(requestId != null && !requestId.isBlank(), "every response carries its request id");
        assertFalse(requestId.equals("chosen-by-the-client"), "no proxy is trusted by default: a client cannot choose its id");

        List<Map<String, Object>> failures = content(api().get("/admin/audit?kind=login&order=newest&size=20", admin)).stream()
                .filter(e -> "failure".equals(e.get("outcome"))).toList();
        assertEquals(requestId, failures.get(0).get("requestId"));
    }

    @Test
    void clientChangesAreFoundByClientAndPagesAreStable() throws Exception {
        String admin = loginAsAdmin().accessToken();
        OAuthClients clients = new OAuthClients(api(), admin);
        String clientId = (String) JSONObjectUtils.parse(clients.service(List.of("reports:read"), List.of()).body()).get("clientId");
        assertEquals(200, clients.admin("POST", "/admin/clients/" + clientId + "/disable").status());
        assertEquals(200, clients.admin("POST", "/admin/clients/" + clientId + "/enable").status());
        assertEquals(200, clients.admin("POST", "/admin/clients/" + clientId + "/secret").status());

        Map<String, Object> firstPage = JSONObjectUtils.parse(api().get("/admin/audit?client=" + clientId + "&order=oldest&size=2", admin).body());
        Map<String, Object> secondPage = JSONObjectUtils.parse(api().get("/admin/audit?client=" + clientId + "&order=oldest&size=2&page=1", admin).body());
        assertEquals(4L, ((Number) firstPage.get("totalElements")).longValue());
        List<Object> details = List.of(detailsOf(firstPage).get(0), detailsOf(firstPage).get(1), detailsOf(secondPage).get(0), detailsOf(secondPage).get(1));
        assertEquals(List.of("action=create", "action=disable", "action=enable", "action=rotate-secret"), details);
    }

    @Test
    void theHostedSignInPageIsAuditedAsSuch() throws Exception {
        String admin = loginAsAdmin().accessToken();
        CodeFlow flow = new CodeFlow(api(), new OAuthClients(api(), admin));
        CodeFlow.WebClient client = flow.webClient(true);
        String email = flow.someone();
        String user = api().login(email, CodeFlow.PASSWORD).userId();
        Browser browser = new Browser();

        URI authorize = flow.authorize(client, new CodeVerifier(), new State(), null);
        assertEquals(401, flow.signIn(browser, browser.get(authorize), email, "wrong-horse-1").statusCode());
        assertEquals(303, flow.signIn(browser, browser.get(authorize), email, CodeFlow.PASSWORD).statusCode());

        List<Map<String, Object>> logins = content(api().get("/admin/audit?kind=login&order=oldest&user=" + user, admin));
        assertEquals(List.of("success via=api", "failure via=signin-page", "success via=signin-page"), logins.stream()
                .map(e -> e.get("outcome") + " " + String.valueOf(e.get("detail")).replaceAll("account=\\S+ ", "")).toList());
    }

    @Test
    void keyRotationNamesTheAdminAndTheNewKey() throws Exception {
        String admin = loginAsAdmin().accessToken();
        String kid = (String) JSONObjectUtils.parse(api().post("/admin/keys/rotate", null, admin).body()).get("kid");

        Map<String, Object> rotation = content(api().get("/admin/audit?kind=key-rotation", admin)).get(0);
        assertEquals(adminId(admin), rotation.get("actor"));
        assertEquals("kid=" + kid, rotation.get("detail"));
    }

    @Test
    void aTimeRangeSelectsEventsAndRetentionDeletesOldOnes() throws Exception {
        String admin = loginAsAdmin().accessToken();
        String marker = "retention-" + UUID.randomUUID();
        Instant long_ago = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.MICROS);
        rows.save(new AuditEventRow(null, long_ago, "login", "failure", null, marker, null, "192.0.2.1", null, null));
        String from = long_ago.minusSeconds(1).toString();
        String to = long_ago.plusSeconds(1).toString();

        assertEquals(List.of(marker), content(api().get("/admin/audit?from=" + from + "&to=" + to + "&user=" + marker, admin))
                .stream().map(e -> e.get("subject")).toList());
        assertEquals(List.of(), content(api().get("/admin/audit?from=" + to + "&user=" + marker, admin)));

        assertTrue(cleanup.deleteExpired() >= 1);
        assertEquals(List.of(), content(api().get("/admin/audit?user=" + marker, admin)), "older than 90 days: gone");
        assertFalse(content(api().get("/admin/audit?size=1", admin)).isEmpty(), "recent events stay");
    }

    @Test
    void onlyAdminsReadItAndBadFiltersAreRefused() {
        String admin = loginAsAdmin().accessToken();
        Api.Response someone = api().registerSomeone();
        assertEquals(403, api().get("/admin/audit", someone.accessToken()).status());
        assertEquals(401, api().get("/admin/audit").status());
        for (String bad : List.of("from=yesterday", "kind=DROP%20TABLE", "size=0", "size=201", "page=-1", "order=sideways")) {
            Api.Response refused = api().get("/admin/audit?" + bad, admin);
            assertEquals(400, refused.status(), bad + ": " + refused.body());
            assertEquals("application/problem+json", refused.header("Content-Type"), bad);
        }
    }

    private String adminId(String adminToken) throws Exception {
        return (String) JSONObjectUtils.parse(api().get("/auth/me", adminToken).body()).get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> content(Api.Response response) throws Exception {
        assertEquals(200, response.status(), response.body());
        return (List<Map<String, Object>>) (List<?>) JSONObjectUtils.parse(response.body()).get("content");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> detailsOf(Map<String, Object> page) {
        return ((List<Map<String, Object>>) (List<?>) page.get("content")).stream().map(e -> e.get("detail")).map(Object.class::cast).toList();
    }
}
