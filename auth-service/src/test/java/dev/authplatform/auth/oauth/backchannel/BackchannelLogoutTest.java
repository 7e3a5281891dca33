package dev.authplatform.auth.oauth.backchannel;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import com.sun.net.httpserver.HttpServer;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.auth.support.CodeFlow;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TestInfrastructure;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenID Connect Back-Channel Logout 1.0: a client that registered a {@code backchannel_logout_uri} is sent a logout
 * token, which an RP library (Nimbus's validator) accepts, whenever one of its sessions ends; failed deliveries are
 * retried, then abandoned, and nothing queued is lost with the instance that queued it. The client is a real HTTP
 * server on the loopback.
 */
@MicronautTest(transactional = false)
class BackchannelLogoutTest extends AuthServiceTest {

    private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    @Value("${datasources.default.url}")
    String databaseUrl;

    private final LogoutListener listener = new LogoutListener();
    private OAuthClients clients;
    private CodeFlow flow;
    private String admin;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.backchannel-logout.first-retry", "100ms", "auth.backchannel-logout.max-retry-delay", "200ms",
                "auth.backchannel-logout.max-attempts", "3", "auth.backchannel-logout.poll-interval", "100ms",
                "auth.backchannel-logout.timeout", "2s");
    }

    @BeforeAll
    void setUp() {
        admin = loginAsAdmin().accessToken();
        clients = new OAuthClients(api(), admin);
        flow = new CodeFlow(api(), clients);
    }

    @AfterAll
    void stop() {
        listener.stop();
    }

    @Test
    void discoverySaysBackChannelLogoutIsSupportedWithTheSessionId() {
        Map<String, Object> metadata = api().get("/.well-known/openid-configuration").json();

        assertEquals(true, metadata.get("backchannel_logout_supported"));
        assertEquals(true, metadata.get("backchannel_logout_session_supported"));
    }

    @Test
    void aClientRegistersWhereItListensUnderTheSpecificationsRules() {
        Map<String, Object> web = Map.of("name", "Web", "type", "confidential", "grantTypes", List.of("authorization_code"),
                "redirectUris", List.of(CodeFlow.CALLBACK.toString()));

        Api.Response confidentialOverHttp = register(web, "backchannelLogoutUri", "http://orders.internal:8080/logout/back-channel",
                "backchannelLogoutSessionRequired", true);
        Api.Response publicOverHttp = register(Map.of("name", "SPA", "type", "public", "grantTypes", List.of("authorization_code"),
                "redirectUris", List.of(CodeFlow.CALLBACK.toString())), "backchannelLogoutUri", "http://spa.example/logout");
        Api.Response withFragment = register(web, "backchannelLogoutUri", "https://app.example/logout#now");
        Api.Response relative = register(web, "backchannelLogoutUri", "/logout");
        Api.Response serviceOnly = register(Map.of("name", "Service", "type", "confidential", "grantTypes", List.of("client_credentials")),
                "backchannelLogoutUri", "https://svc.example/logout");

        assertEquals(201, confidentialOverHttp.status(), confidentialOverHttp.toString());
        Api.Response read = clients.admin("GET", "/admin/clients/" + confidentialOverHttp.string("clientId"));
        assertEquals("http://orders.internal:8080/logout/back-channel", read.string("backchannelLogoutUri"));
        assertEquals(true, read.json().get("backchannelLogoutSessionRequired"));
        for (Api.Response refused : List.of(publicOverHttp, withFragment, relative, serviceOnly)) {
            assertEquals(400, refused.status(), refused.toString());
            assertTrue(refused.body().contains("backchannelLogoutUri"), refused.toString());
        }
    }

    @Test
    void theClientGetsALogoutTokenNamingTheSessionOfItsIdToken() throws Exception {
        CodeFlow.WebClient client = listening("/ok");
        CodeFlow.SignedIn signedIn = flow.signInWithOpenId(client, null);

        assertEquals(204, api().post("/auth/logout-all", null, api().login(signedIn.email(), CodeFlow.PASSWORD).accessToken()).status());
        LogoutListener.Received received = listener.next("/ok", sidOf(signedIn));

        assertEquals("application/x-www-form-urlencoded", received.contentType());
        SignedJWT token = SignedJWT.parse(received.logoutToken());
        assertEquals("logout+jwt", token.getHeader().getType().getType(), "explicitly typed (section 2.4)");
        LogoutTokenClaimsSet claims = validator(client).validate(token);
        Map<String, Object> idToken = Jwts.claims(signedIn.tokens().getOIDCTokens().getIDTokenString());
        assertEquals(idToken.get("sub"), claims.getSubject().getValue());
        assertEquals(idToken.get("sid"), claims.getSessionID().getValue());
        assertEquals(Map.of(), token.getJWTClaimsSet().getJSONObjectClaim("events").get(EVENT));
        assertNull(token.getJWTClaimsSet().getClaim("nonce"));
        assertTrue(claims.getExpirationTime().after(claims.getIssueTime()));
        assertEquals(401, api().get("/auth/me", received.logoutToken()).status(), "a logout token is no access token");
    }

    @Test
    void everyWayASessionEndsTellsItsClient() {
        CodeFlow.WebClient client = listening("/ok");
        Map<String, CodeFlow.SignedIn> ended = new ConcurrentHashMap<>();

        CodeFlow.SignedIn byAdmin = flow.signInWithOpenId(client, null);
        clients.admin("POST", "/admin/users/" + userIdOf(byAdmin) + "/revoke-sessions");
        ended.put("admin revoke", byAdmin);
        CodeFlow.SignedIn disabled = flow.signInWithOpenId(client, null);
        clients.admin("POST", "/admin/users/" + userIdOf(disabled) + "/disable");
        ended.put("account disabled", disabled);
        CodeFlow.SignedIn rpLogout = flow.signInWithOpenId(client, null);
        rpLogout.browser().get(URI.create(api().base() + "/oauth2/logout?id_token_hint=" + rpLogout.tokens().getOIDCTokens().getIDTokenString()));
        ended.put("RP-initiated logout", rpLogout);
        CodeFlow.SignedIn reused = flow.signInWithOpenId(client, null);
        TokenRequest refresh = new TokenRequest(clients.endpoint("/oauth2/token"), client.auth(),
                new RefreshTokenGrant(reused.tokens().getOIDCTokens().getRefreshToken()));
        OAuthClients.raw(refresh);
        OAuthClients.raw(refresh);
        ended.put("refresh token reused", reused);
        CodeFlow.SignedIn passwordChanged = flow.signInWithOpenId(client, null);
        api().put("/auth/me/password", Api.json("currentPassword", CodeFlow.PASSWORD, "newPassword", "battery-staple-2"),
                api().login(passwordChanged.email(), CodeFlow.PASSWORD).accessToken());
        ended.put("password change", passwordChanged);

        ended.forEach((how, signedIn) -> assertEquals(sidOf(signedIn), listener.next("/ok", sidOf(signedIn)).sid(), how));
    }

    @Test
    void aFailedDeliveryIsTriedAgainUntilTheClientAnswers() {
        listener.failFirst("/flaky", 2);
        CodeFlow.WebClient client = listening("/flaky");
        CodeFlow.SignedIn signedIn = flow.signInWithOpenId(client, null);

        clients.admin("POST", "/admin/users/" + userIdOf(signedIn) + "/revoke-sessions");
        listener.next("/flaky", sidOf(signedIn));

        Poll.until(Duration.ofSeconds(5), "the delivery to be audited", () -> auditOutcomes(client).contains("success"));
        assertEquals(3, listener.attempts("/flaky", sidOf(signedIn)), "two failures, then the delivery");
        assertEquals(List.of("failure", "failure", "success"), auditOutcomes(client));
        String metrics = api().get("/metrics").body();
        assertTrue(metrics.matches("(?s).*authplatform_backchannel_logouts_total\\{outcome=\"retried\"[^}]*} [1-9].*"), "counted");
        assertTrue(metrics.matches("(?s).*authplatform_backchannel_logouts_total\\{outcome=\"delivered\"[^}]*} [1-9].*"), "counted");
    }

    @Test
    void aClientThatNeverAnswersIsGivenUpOnAfterTheLastAttempt() throws Exception {
        listener.failFirst("/down", Integer.MAX_VALUE);
        CodeFlow.WebClient client = listening("/down");
        CodeFlow.SignedIn signedIn = flow.signInWithOpenId(client, null);

        clients.admin("POST", "/admin/users/" + userIdOf(signedIn) + "/revoke-sessions");

        Poll.until(Duration.ofSeconds(10), "the notice to be abandoned", () -> auditOutcomes(client).contains("abandoned"));
        Thread.sleep(500); // several retry delays: nothing more may arrive
        assertEquals(3, listener.attempts("/down", sidOf(signedIn)));
        assertEquals(List.of("failure", "failure", "abandoned"), auditOutcomes(client));
    }

    @Test
    void aNoticeLeftBehindByAnInstanceThatDiedIsSentByAnother() throws Exception {
        CodeFlow.WebClient client = listening("/ok");
        UUID session = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        // taken by an instance that died during its first attempt: leased, its lease now over
        insertNotice(session, client.id().getValue(), user, 1);

        LogoutListener.Received received = listener.next("/ok", session.toString());

        assertEquals(user.toString(), Jwts.claims(received.logoutToken()).get("sub"));
        Poll.until(Duration.ofSeconds(5), "the delivery to be audited", () -> auditOutcomes(client).equals(List.of("success")));
    }

    @Test
    void aClientThatStoppedListeningIsNotSentTo() throws Exception {
        CodeFlow.WebClient client = listening("/ok");
        clients.admin("POST", "/admin/clients/" + client.id().getValue() + "/disable");
        UUID session = UUID.randomUUID();

        insertNotice(session, client.id().getValue(), UUID.randomUUID(), 0);

        Poll.until(Duration.ofSeconds(5), "the notice to be dropped", () -> auditOutcomes(client).equals(List.of("dropped")));
        assertEquals(0, listener.attempts("/ok", session.toString()));
    }

    @Test
    void aClientWithoutALogoutUriIsToldNothingAndItsSessionsEndAsBefore() throws Exception {
        CodeFlow.WebClient client = flow.webClient(true);
        CodeFlow.SignedIn signedIn = flow.signInWithOpenId(client, null);
        String accessToken = signedIn.tokens().getOIDCTokens().getAccessToken().getValue();

        clients.admin("POST", "/admin/users/" + userIdOf(signedIn) + "/revoke-sessions");

        assertEquals(401, api().get("/auth/me", accessToken).status());
        assertEquals(0, noticesFor(client), "nothing queued");
    }

    private CodeFlow.WebClient listening(String path) {
        return flow.webClient(true, Map.of("backchannelLogoutUri", listener.uri(path)));
    }

    private Api.Response register(Map<String, Object> fields, Object... more) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(fields);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return api().post("/admin/clients", Api.json(body.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray()), admin);
    }

    private LogoutTokenValidator validator(CodeFlow.WebClient client) throws Exception {
        var keys = JWKSourceBuilder.<SecurityContext>create(new URL(api().base() + "/.well-known/jwks.json")).build();
        return new LogoutTokenValidator(new Issuer(api().base()), client.id(), true,
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys), null);
    }

    private List<String> auditOutcomes(CodeFlow.WebClient client) {
        List<String> outcomes = new ArrayList<>();
        for (Object event : api().get("/admin/audit?kind=backchannel-logout&order=oldest&client=" + client.id().getValue(), admin)
                .list("content")) {
            outcomes.add((String) ((Map<?, ?>) event).get("outcome"));
        }
        return outcomes;
    }

    private int noticesFor(CodeFlow.WebClient client) throws Exception {
        try (Connection db = DriverManager.getConnection(databaseUrl, TestInfrastructure.get().username(), TestInfrastructure.get().password());
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM backchannel_logouts WHERE client_id = ?")) {
            count.setString(1, client.id().getValue());
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private void insertNotice(UUID session, String clientId, UUID user, int attempts) throws Exception {
        try (Connection db = DriverManager.getConnection(databaseUrl, TestInfrastructure.get().username(), TestInfrastructure.get().password());
             PreparedStatement insert = db.prepareStatement("""
                     INSERT INTO backchannel_logouts (session_id, client_id, user_id, queued_at, attempts, next_attempt_at)
                     VALUES (?, ?, ?, now() - interval '2 minutes', ?, now() - interval '1 millisecond')""")) {
            insert.setObject(1, session);
            insert.setString(2, clientId);
            insert.setObject(3, user);
            insert.setInt(4, attempts);
            insert.executeUpdate();
        }
    }


    private static String sidOf(CodeFlow.SignedIn signedIn) {
        return (String) Jwts.claims(signedIn.tokens().getOIDCTokens().getIDTokenString()).get("sid");
    }

    private static String userIdOf(CodeFlow.SignedIn signedIn) {
        return (String) Jwts.claims(signedIn.tokens().getOIDCTokens().getIDTokenString()).get("sub");
    }


    /**
     * A client's back-channel logout endpoint: records every POST by path and by the {@code sid} of its token, and
     * answers 200, or 503 for the first few on a path told to fail.
     */
    static final class LogoutListener {

        record Received(String path, String contentType, String logoutToken, String sid, int answered) {
        }

        private final HttpServer server;
        private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

        LogoutListener() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
                String token = body.startsWith("logout_token=") ? URLDecoder.decode(body.substring(13), StandardCharsets.US_ASCII) : "";
                Object sid = token.isEmpty() ? null : Jwts.claims(token).get("sid");
                AtomicInteger left = failuresLeft.get(path);
                int status = left != null && left.getAndDecrement() > 0 ? 503 : 200;
                received.add(new Received(path, exchange.getRequestHeaders().getFirst("Content-Type"), token, (String) sid, status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String uri(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void failFirst(String path, int times) {
            failuresLeft.put(path, new AtomicInteger(times));
        }

        /** The delivery of that session's token that was answered 200, waited for. */
        Received next(String path, String sid) {
            Poll.until(Duration.ofSeconds(10), "a logout token for session " + sid + " at " + path, () -> delivered(path, sid).isPresent());
            return delivered(path, sid).orElseThrow();
        }

        private java.util.Optional<Received> delivered(String path, String sid) {
            synchronized (received) {
                return received.stream().filter(r -> r.path().equals(path) && sid.equals(r.sid()) && r.answered() == 200).findFirst();
            }
        }

        int attempts(String path, String sid) {
            synchronized (received) {
                return (int) received.stream().filter(r -> r.path().equals(path) && sid.equals(r.sid())).count();
            }
        }

        void stop() {
            server.stop(0);
        }
    }
}
