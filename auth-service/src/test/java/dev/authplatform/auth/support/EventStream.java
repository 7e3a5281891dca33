package dev.authplatform.auth.support;

import dev.authplatform.revocation.ServerSentEvents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events stream read on its own thread, as a consumer of the revocation feed reads it. */
public final class EventStream implements AutoCloseable {

    /** What {@link #next} answers once the stream has ended. */
    public static final ServerSentEvents.Message END = new ServerSentEvents.Message("(end)", "", "");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final int status;
    private final String contentType;
    private final InputStream body;
    private final BlockingQueue<ServerSentEvents.Message> received = new LinkedBlockingQueue<>();

    private EventStream(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.body = response.body();
        Thread.ofPlatform().daemon().name("event-stream").start(this::read);
    }

    /** Opens {@code uri} with a bearer token and, unless null, a {@code Last-Event-ID}. */
    public static EventStream open(URI uri, String bearer, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** The next event within {@code wait}, {@link #END} once the stream has ended; fails the test on silence. */
    public ServerSentEvents.Message next(Duration wait) {
        try {
            ServerSentEvents.Message message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no event within " + wait.toMillis() + " ms");
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event named {@code name} within {@code wait}, skipping others; fails the test otherwise. */
    public ServerSentEvents.Message next(String name, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            ServerSentEvents.Message message = next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (message.event().equals(name)) {
                return message;
            }
            if (message == END) {
                throw new AssertionError("the stream ended before a '" + name + "' event");
            }
        }
    }

    private void read() {
        try {
            ServerSentEvents events = new ServerSentEvents(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
            Optional<ServerSentEvents.Message> next;
            while ((next = events.next()).isPresent()) {
                received.add(next.get());
            }
        } catch (IOException e) {
            // cut: it ends like a closed stream
        } finally {
            received.add(END);
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }
}
