package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Inbox;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Nothing queued is lost: emails accepted while the SMTP server is down wait in PostgreSQL; auth-service is killed
 * (SIGKILL: no chance to finish anything) and started again, the SMTP server comes back, and every message arrives,
 * once. The outbox never held a link token: the links are made when the messages are sent. And a revocation
 * committed but not yet announced when the instance died is announced when it starts again.
 */
class MailOutboxCrashTest {

    private static final int MESSAGES = 5;

    @Test
    void emailsQueuedWhenAuthServiceIsKilledArriveOnceAfterItStartsAgain() throws Exception {
        Inbox inbox = new Inbox(); // not started: the SMTP server is down
        Map<String, String> mail = new HashMap<>();
        inbox.properties().forEach((name, value) -> mail.put(name.toUpperCase().replace('.', '_').replace('-', '_'), value));
        mail.put("AUTH_MAIL_RETRY_DELAY", "200ms");
        mail.put("AUTH_MAIL_MAX_ATTEMPTS", "100");
        mail.put("AUTH_MAIL_TIMEOUT", "1s");
        try (Platform platform = new Platform(TestInfrastructure.get().redisUri(), mail)) {
            platform.auth.start();
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String address = Inbox.newAddress();
                platform.authApi().register(address, "correct-horse-1");
                addresses.add(address);
            }
            Poll.until(Duration.ofSeconds(10), "every message to have failed an attempt", () -> attempted(platform) == MESSAGES);
            // what a crash between a logout's commit and its announcement leaves: revoked in PostgreSQL, unknown to Redis
            Api.Response loggedOut = platform.authApi().registerSomeone();
            String sid = (String) dev.authplatform.common.testing.Jwts.claims(loggedOut.accessToken()).get("sid");
            update(platform, "UPDATE sessions SET revoked_at = now() WHERE id = '" + UUID.fromString(sid) + "'");
            assertEquals(200, platform.authApi().get("/auth/me", loggedOut.accessToken()).status(), "not announced yet");

            platform.auth.kill();
            inbox.start();
            platform.auth.start();

            // a message taken by the killed instance mid-attempt waits out its lease (4 × the timeout + 5 s)
            Poll.until(Duration.ofSeconds(30), "every message to arrive",
                    () -> addresses.stream().allMatch(address -> !inbox.messagesTo(address).isEmpty()));
            for (String address : addresses) {
                Inbox.Received received = inbox.awaitMessage(address);
                assertEquals(200, platform.authApi().post("/auth/email/verify", Api.json("token", received.token())).status(),
                        "the link made after the restart works");
            }
            Thread.sleep(1500); // more than a poll and a retry: a message sent twice would have arrived by now
            for (String address : addresses) {
                assertEquals(1, inbox.messagesTo(address).size(), address);
            }
            assertFalse(outboxColumns(platform).stream().anyMatch(column -> column.contains("token")), "no token is stored");
            Poll.until(Duration.ofSeconds(5), "the revocation committed before the crash to be announced",
                    () -> platform.authApi().get("/auth/me", loggedOut.accessToken()).status() == 401);
        } finally {
            inbox.close();
        }
    }

    private static void update(Platform platform, String sql) throws java.sql.SQLException {
        try (Connection db = DriverManager.getConnection(platform.databaseUrl, TestInfrastructure.get().username(),
                TestInfrastructure.get().password()); Statement statement = db.createStatement()) {
            assertEquals(1, statement.executeUpdate(sql));
        }
    }

    /** Outbox rows that have been tried at least once and not sent. */
    private static int attempted(Platform platform) {
        return query(platform, "SELECT count(*) FROM mail_outbox WHERE attempts > 0 AND finished_at IS NULL").getFirst();
    }

    private static List<String> outboxColumns(Platform platform) throws Exception {
        try (Connection db = DriverManager.getConnection(platform.databaseUrl, TestInfrastructure.get().username(),
                TestInfrastructure.get().password()); Statement statement = db.createStatement();
             ResultSet columns = statement.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = 'mail_outbox'")) {
            List<String> names = new ArrayList<>();
            while (columns.next()) {
                names.add(columns.getString(1));
            }
            return names;
        }
    }

    private static List<Integer> query(Platform platform, String sql) {
        try (Connection db = DriverManager.getConnection(platform.databaseUrl, TestInfrastructure.get().username(),
                TestInfrastructure.get().password()); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<Integer> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getInt(1));
            }
            return values;
        } catch (java.sql.SQLException e) {
            return List.of(-1);
        }
    }
}
