package dev.authplatform.auth.revocation;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.revocation.FeedRevocationView;
import dev.authplatform.common.revocation.RevocationFeedClientSettings;
import dev.authplatform.common.revocation.RevocationSettings;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TcpRelay;
import dev.authplatform.common.verify.VerifierSettings;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code common}'s view on the feed ({@code auth.revocation.source=feed}), against the real auth-service through a
 * relay that cuts the connection as a network would: it refuses what is revoked, stops vouching the moment its stream
 * breaks, and resumes without losing what was announced meanwhile.
 */
@MicronautTest(transactional = false)
class FeedRevocationViewTest extends AuthServiceTest {

    private static final Duration STALENESS_BOUND = Duration.ofSeconds(2);

    @Inject
    RevocationWriter writer;
    @Inject
    VerifierSettings verifier;

    private Api.Response feedClient;
    private TcpRelay relay;
    private FeedRevocationView view;

    @BeforeAll
    void registerAFeedClient() {
        feedClient = new OAuthClients(api(), loginAsAdmin().accessToken()).service(List.of("revocation:read"), List.of());
    }

    @BeforeEach
    void followTheFeedThroughARelay() {
        relay = new TcpRelay(server.getPort());
        RevocationFeedClientSettings feed = new RevocationFeedClientSettings(URI.create("http://127.0.0.1:" + relay.port()),
                feedClient.string("clientId"), feedClient.string("clientSecret"), Duration.ofMillis(100));
        view = new FeedRevocationView(feed, new RevocationSettings("unused", STALENESS_BOUND, Duration.ofMillis(500)),
                verifier, () -> null);
        Poll.until(Duration.ofSeconds(10), () -> "the feed view to be current: " + view.unavailableReason(), () -> view.unavailableReason().isEmpty());
    }

    @AfterEach
    void close() {
        view.close();
        relay.close();
    }

    @Test
    void aRevocationIsRefusedWithinHalfASecond() {
        String session = UUID.randomUUID().toString();
        Instant issued = Instant.now().minusSeconds(1);
        assertFalse(view.isRevoked("jti", "some-key", session, "someone", null, issued));

        long revokedAt = System.nanoTime();
        writer.sessionRevoked(UUID.fromString(session), Instant.now());
        Poll.until(Duration.ofMillis(500), "the session to be refused", () -> view.isRevoked("jti", "some-key", session, "someone", null, issued));
        System.out.printf("feed view: a session revocation refused %.1f ms after it was written%n", (System.nanoTime() - revokedAt) / 1e6);

        String subject = UUID.randomUUID().toString();
        writer.userTokensBefore(UUID.fromString(subject), Instant.now());
        Poll.until(Duration.ofMillis(500), "the user's older tokens to be refused", () -> view.isRevoked("jti", "some-key", "s", subject, null, issued));
        assertFalse(view.isRevoked("jti", "some-key", "s", subject, null, Instant.now().plusSeconds(5)), "a token issued after is accepted");
    }

    @Test
    void aCutStreamStopsVouchingAtOnceAndResumesWithoutLosingWhatWasAnnouncedMeanwhile() {
        long snapshots = view.reloads();
        relay.refuse(true);
        relay.cut();
        Poll.until(Duration.ofMillis(200), "the view to stop vouching", () -> view.unavailableReason().isPresent());
        String session = UUID.randomUUID().toString();
        writer.sessionRevoked(UUID.fromString(session), Instant.now());

        long restoredAt = System.nanoTime();
        relay.refuse(false);
        Poll.until(Duration.ofSeconds(1), "the view to vouch again", () -> view.unavailableReason().isEmpty());
        System.out.printf("feed view: current again %.1f ms after the feed came back%n", (System.nanoTime() - restoredAt) / 1e6);
        assertTrue(view.isRevoked("jti", "some-key", session, "someone", null, Instant.now()), "the revocation made while cut was replayed");
        assertEquals(snapshots, view.reloads(), "resumed from the number it had heard, not from a new snapshot");
    }

    @Test
    void lostForLongerThanTheBoundItAnswersUnavailableThenCurrentWithinASecondOfTheFeedComingBack() throws InterruptedException {
        relay.refuse(true);
        relay.cut();
        Thread.sleep(STALENESS_BOUND.plusMillis(500).toMillis());
        assertTrue(view.unavailableReason().isPresent());

        long restoredAt = System.nanoTime();
        relay.refuse(false);
        Poll.until(Duration.ofSeconds(1), "the view to vouch again", () -> view.unavailableReason().isEmpty());
        System.out.printf("feed view: current again %.1f ms after a %d ms outage ended%n", (System.nanoTime() - restoredAt) / 1e6,
                STALENESS_BOUND.plusMillis(500).toMillis());
    }
}
