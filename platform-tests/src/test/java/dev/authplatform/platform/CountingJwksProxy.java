package dev.authplatform.platform;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands between a verifier and auth-service's JWKS, counting how often the verifier fetches it. */
final class CountingJwksProxy implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    CountingJwksProxy(String upstreamJwks) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            try {
                HttpResponse<byte[]> upstream = client.send(HttpRequest.newBuilder(URI.create(upstreamJwks)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                upstream.headers().firstValue("Cache-Control").ifPresent(v -> exchange.getResponseHeaders().add("Cache-Control", v));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(upstream.statusCode(), upstream.body().length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(upstream.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
