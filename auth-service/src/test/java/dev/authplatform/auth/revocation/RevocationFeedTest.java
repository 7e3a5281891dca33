package dev.authplatform.auth.revocation;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.auth.support.EventStream;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.revocation.ServerSentEvents;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The revocation feed as docs/revocation-feed.md states it: a snapshot with the number it is current to, and a
 * stream of numbered announcements that resumes from any number the log still holds, with probes, and a reset when
 * it cannot resume. Only for a client token with the {@code revocation:read} scope.
 */
@MicronautTest(transactional = false)
class RevocationFeedTest extends AuthServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    RevocationWriter writer;

    private OAuthClients clients;
    private String feedToken;

    @BeforeAll
    void registerAFeedClient() {
        clients = new OAuthClients(api(), loginAsAdmin().accessToken());
        feedToken = clientToken(clients.service(List.of("revocation:read"), List.of()), "revocation:read");
    }

    @Test
    void theFeedIsForClientTokensWithItsScopeOnly() {
        assertEquals(401, api().get("/revocation/snapshot").status());
        String otherScope = clientToken(clients.service(List.of("reports:read"), List.of()), "reports:read");
        Api.Response refused = api().get("/revocation/snapshot", otherScope);
        assertEquals(403, refused.status());
        assertTrue(refused.header("WWW-Authenticate").contains("insufficient_scope"), refused.toString());
        try (EventStream anonymous = EventStream.open(events(), null, null)) {
            assertEquals(401, anonymous.status());
        }
        assertEquals(200, api().get("/revocation/snapshot", feedToken).status());
    }

    @Test
    void theSnapshotHoldsEveryKindOfRevocationAndTheNumberItIsCurrentTo() {
        String session = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();
        String token = UUID.randomUUID().toString();
        String client = "client-" + UUID.randomUUID();
        Instant now = Instant.now();
        writer.sessionRevoked(UUID.fromString(session), now);
        writer.userTokensBefore(UUID.fromString(user), now);
        writer.tokenRevoked(token, now.plusSeconds(600));
        writer.clientTokensBefore(client, now);

        Api.Response snapshot = api().get("/revocation/snapshot", feedToken);

        assertEquals(200, snapshot.status());
        assertEquals("no-store", snapshot.header("Cache-Control"));
        Map<String, Object> body = snapshot.json();
        assertTrue(((Number) body.get("seq")).longValue() >= 4, snapshot.toString());
        UUID.fromString((String) body.get("generation"));
        List<Object> entries = snapshot.list("entries");
        assertTrue(entries.contains(Map.of("kind", "session", "id", session, "until", now.plus(writer.keep()).getEpochSecond())), snapshot.toString());
        assertTrue(entries.contains(Map.of("kind", "user", "id", user, "notBefore", now.getEpochSecond(),
                "until", now.plus(writer.keep()).getEpochSecond())), snapshot.toString());
        assertTrue(entries.stream().anyMatch(e -> ((Map<?, ?>) e).get("id").equals(token) && ((Map<?, ?>) e).get("kind").equals("token")));
        assertTrue(entries.stream().anyMatch(e -> ((Map<?, ?>) e).get("id").equals(client) && ((Map<?, ?>) e).get("kind").equals("client")));
    }

    @Test
    void aStreamResumesAfterTheGivenNumberWithEveryAnnouncementInOrderThenAProbe() throws ParseException {
        String from = idOf(api().get("/revocation/snapshot", feedToken));
        long seq = Long.parseLong(from.substring(from.indexOf(':') + 1));
        List<String> sessions = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        sessions.forEach(session -> writer.sessionRevoked(UUID.fromString(session), Instant.now()));

        try (EventStream stream = EventStream.open(events(), feedToken, from)) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
            String generation = from.substring(0, from.indexOf(':'));
            long expected = seq + 1;
            int seen = 0;
            while (seen < sessions.size()) {
                ServerSentEvents.Message revoked = stream.next("revoked", WAIT);
                Map<String, Object> data = JSONObjectUtils.parse(revoked.data());
                assertEquals(expected, ((Number) data.get("seq")).longValue(), revoked.toString());
                assertEquals(generation + ":" + expected, revoked.lastEventId());
                if (sessions.contains(data.get("id"))) {
                    seen++;
                }
                expected++;
            }
            ServerSentEvents.Message probe = stream.next("probe", WAIT);
            Map<String, Object> counted = JSONObjectUtils.parse(probe.data());
            assertEquals(generation, counted.get("generation"));
            assertTrue(((Number) counted.get("seq")).longValue() >= expected - 1, probe.toString());
        }
    }

    @Test
    void aLiveStreamCarriesANewRevocationAtOnceAndAProbeEverySecond() throws ParseException {
        String from = idOf(api().get("/revocation/snapshot", feedToken));
        try (EventStream stream = EventStream.open(events(), feedToken, from)) {
            stream.next("probe", WAIT);
            String session = UUID.randomUUID().toString();
            long revokedAt = System.nanoTime();
            writer.sessionRevoked(UUID.fromString(session), Instant.now());
            while (true) {
                ServerSentEvents.Message revoked = stream.next("revoked", WAIT);
                if (session.equals(JSONObjectUtils.parse(revoked.data()).get("id"))) {
                    break;
                }
            }
            long deliveredMillis = (System.nanoTime() - revokedAt) / 1_000_000;
            assertTrue(deliveredMillis < 500, "delivered after " + deliveredMillis + " ms");
            long probesFrom = System.nanoTime();
            stream.next("probe", WAIT);
            stream.next("probe", WAIT);
            stream.next("probe", WAIT);
            long threeProbesMillis = (System.nanoTime() - probesFrom) / 1_000_000;
            assertTrue(threeProbesMillis < 4_000, "three probes took " + threeProbesMillis + " ms");
        }
    }

    @Test
    void aStreamThatCannotResumeIsToldToStartAgainFromASnapshot() throws ParseException {
        String from = idOf(api().get("/revocation/snapshot", feedToken));
        String generation = from.substring(0, from.indexOf(':'));
        long seq = Long.parseLong(from.substring(from.indexOf(':') + 1));
        for (String lastEventId : new String[]{null, UUID.randomUUID() + ":" + seq, generation + ":" + (seq + 1000)}) {
            try (EventStream stream = EventStream.open(events(), feedToken, lastEventId)) {
                assertEquals(200, stream.status());
                ServerSentEvents.Message reset = stream.next(WAIT);
                assertEquals("reset", reset.event(), "from " + lastEventId);
                assertTrue(JSONObjectUtils.parse(reset.data()).get("reason") instanceof String reason && !reason.isBlank());
                assertSame(EventStream.END, stream.next(WAIT), "a reset ends the stream");
            }
        }
    }

    @Test
    void aMalformedLastEventIdIsABadRequest() {
        for (String lastEventId : new String[]{"7", "not-a-generation:1", UUID.randomUUID() + ":-1", UUID.randomUUID() + ":1e3"}) {
            try (EventStream stream = EventStream.open(events(), feedToken, lastEventId)) {
                assertEquals(400, stream.status(), lastEventId);
                assertTrue(stream.contentType().startsWith("application/problem+json"), stream.contentType());
            }
        }
    }

    @Test
    void aStreamEndsWhenItsClientIsDisabled() {
        Api.Response client = clients.service(List.of("revocation:read"), List.of());
        String token = clientToken(client, "revocation:read");
        String from = idOf(api().get("/revocation/snapshot", token));
        try (EventStream stream = EventStream.open(events(), token, from)) {
            stream.next("probe", WAIT);
            assertEquals(200, clients.admin("POST", "/admin/clients/" + client.string("clientId") + "/disable").status());
            ServerSentEvents.Message last;
            do {
                last = stream.next(WAIT);
            } while (last != EventStream.END);
            assertEquals(401, api().get("/revocation/snapshot", token).status());
        }
    }

    private URI events() {
        return URI.create(api().base() + "/revocation/events");
    }

    private static String idOf(Api.Response snapshot) {
        assertEquals(200, snapshot.status(), snapshot.toString());
        return snapshot.string("generation") + ":" + ((Number) snapshot.json().get("seq")).longValue();
    }

    private String clientToken(Api.Response client, String scope) {
        return OAuthClients.send(new TokenRequest(clients.endpoint("/oauth2/token"),
                        new ClientSecretBasic(new ClientID(client.string("clientId")), new Secret(client.string("clientSecret"))),
                        new ClientCredentialsGrant(), new Scope(scope)))
                .toSuccessResponse().getTokens().getAccessToken().getValue();
    }
}
