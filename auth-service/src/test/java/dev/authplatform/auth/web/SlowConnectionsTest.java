package dev.authplatform.auth.web;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.auth.support.EventStream;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow or silent clients cannot hold the server's connections: a request must arrive in full within
 * {@code auth.connections.request-read-timeout} (here 1 s) of the connection opening or of its first byte. The time
 * the server takes to answer, and the pause between two requests on a kept-alive connection, do not count. Header and
 * body sizes are bounded.
 */
@MicronautTest(transactional = false)
class SlowConnectionsTest extends AuthServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.connections.request-read-timeout", TIMEOUT.toMillis() + "ms");
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws IOException {
        try (Socket socket = connect()) {
            long opened = System.nanoTime();
            assertEquals(-1, readUntilClosed(socket.getInputStream()), "closed without an answer");
            assertTrue(elapsed(opened).compareTo(TIMEOUT.plusMillis(900)) < 0, "closed after " + elapsed(opened).toMillis() + " ms");
        }
    }

    @Test
    void headersTrickledByteByByteAreCutOffAtTheTimeout() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            long opened = System.nanoTime();
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            boolean cut = false;
            for (int i = 0; i < 20 && !cut; i++) { // 20 bytes, 200 ms apart: 4 s if it were let through
                Thread.sleep(200);
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException closed) {
                    cut = true;
                }
                cut = cut || closedWithin(socket, Duration.ofMillis(1));
            }
            assertTrue(cut, "still open after " + elapsed(opened).toMillis() + " ms");
            assertTrue(elapsed(opened).compareTo(TIMEOUT.plusMillis(900)) < 0, "cut after " + elapsed(opened).toMillis() + " ms");
        }
    }

    @Test
    void thePauseBetweenTwoRequestsOnAKeptAliveConnectionDoesNotCount() throws Exception {
        try (Socket socket = connect()) {
            assertTrue(exchange(socket).startsWith("HTTP/1.1 200"));
            Thread.sleep(TIMEOUT.toMillis() * 2);
            assertTrue(exchange(socket).startsWith("HTTP/1.1 200"), "the second request on the same connection is answered");
        }
    }

    @Test
    void aLongAnswerIsNotCutOff() {
        OAuthClients clients = new OAuthClients(api(), loginAsAdmin().accessToken());
        Api.Response client = clients.service(List.of("revocation:read"), List.of());
        String token = OAuthClients.send(new TokenRequest(clients.endpoint("/oauth2/token"),
                        new ClientSecretBasic(new ClientID(client.string("clientId")), new Secret(client.string("clientSecret"))),
                        new ClientCredentialsGrant(), new Scope("revocation:read")))
                .toSuccessResponse().getTokens().getAccessToken().getValue();
        Api.Response snapshot = api().get("/revocation/snapshot", token);
        String from = snapshot.string("generation") + ":" + ((Number) snapshot.json().get("seq")).longValue();

        try (EventStream stream = EventStream.open(URI.create(api().base() + "/revocation/events"), token, from)) {
            long opened = System.nanoTime();
            while (elapsed(opened).compareTo(TIMEOUT.multipliedBy(3)) < 0) {
                assertNotEquals(EventStream.END, stream.next("probe", Duration.ofSeconds(2)), "the stream ended");
            }
        }
    }

    @Test
    void oversizedHeadersAreRefusedWithoutAnError() throws IOException {
        try (Socket socket = connect()) {
            String big = "a".repeat(20_000);
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 4"), answer.lines().findFirst().orElse("(nothing)"));
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(server.getHost(), server.getPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String exchange(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int contentLength = 0;
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            head.append(line).append('\n');
            if (line.toLowerCase().startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(contentLength);
        return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String readAll(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            return "(no end within the socket timeout)";
        }
    }

    /** -1 once the server closed the connection, -2 if it did not within the socket timeout, else the first byte it sent. */
    private static int readUntilClosed(InputStream in) {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (IOException reset) {
            return -1;
        }
    }

    private static boolean closedWithin(Socket socket, Duration wait) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    private static Duration elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since);
    }
}
