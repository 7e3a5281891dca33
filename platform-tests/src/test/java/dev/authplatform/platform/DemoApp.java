package dev.authplatform.platform;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.authplatform.common.testing.Api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The demo single-page app served on an origin of its own (the JDK's file server on a spare port), registered with the
 * platform as a first-party public client: code + PKCE on the hosted sign-in page.
 */
final class DemoApp implements AutoCloseable {

    final int port;
    private final HttpServer server;

    /** @param port chosen before the platform started, whose CORS settings must name this origin */
    DemoApp(Platform platform, String clientId, int port) throws IOException {
        this.port = port;
        String app = origin();
        Api.Response created = platform.authApi().post("/admin/clients", json("clientId", clientId, "name", "Demo " + clientId,
                "type", "public", "grantTypes", List.of("authorization_code", "refresh_token"), "redirectUris", List.of(app + "/"),
                "postLogoutRedirectUris", List.of(app + "/"), "scopes", List.of("reports:read"), "firstParty", true), platform.adminToken());
        assertEquals(201, created.status(), created.toString());
        String config = json("authority", platform.issuer(), "api", "http://localhost:" + platform.resource.port(), "clientId", clientId,
                "redirectUri", app + "/", "scope", "openid reports:read");
        Path root = Files.createTempDirectory("demo-app");
        try (var files = Files.list(Path.of(System.getProperty("platform.demoDir", "../demo")))) {
            for (Path file : files.toList()) {
                Files.copy(file, root.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(root.resolve("config.json"), config);
        server = SimpleFileServer.createFileServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), root,
                SimpleFileServer.OutputLevel.NONE);
        server.start();
    }

    /** Where the browser opens the app; also the origin CORS must allow. */
    String origin() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
