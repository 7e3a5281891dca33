package dev.authplatform.revocation;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a {@code text/event-stream} (the WHATWG HTML standard, section 9.2.6 "Interpreting an event stream"): fields
 * {@code event}, {@code data} (lines joined by a line feed) and {@code id}; comments and {@code retry} are ignored.
 * An event is dispatched at a blank line; its id is the last one seen on the stream, as the standard says.
 */
public final class ServerSentEvents {

    /** One dispatched event. */
    public record Message(String event, String data, String lastEventId) {
    }

    private final BufferedReader lines;
    private String lastEventId = "";

    public ServerSentEvents(BufferedReader lines) {
        this.lines = lines;
    }

    /** The next event, or empty at the end of the stream (an event cut off by the end is dropped, as the standard says). */
    public Optional<Message> next() throws IOException {
        String event = "";
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(new Message(event.isEmpty() ? "message" : event, data.toString(), lastEventId));
                }
                event = "";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastEventId = value;
                    }
                }
                default -> { } // retry, and fields the standard says to ignore
            }
        }
        return Optional.empty();
    }
}
