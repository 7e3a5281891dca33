package dev.authplatform.revocation;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The event-stream rules of the WHATWG HTML standard (section 9.2.6) that the feed's consumer relies on. */
class ServerSentEventsTest {

    @Test
    void anEventIsDispatchedAtABlankLineWithItsNameDataAndId() throws IOException {
        ServerSentEvents events = read("event: revoked\nid: g:7\ndata: {\"seq\":7}\n\n");

        assertEquals(Optional.of(new ServerSentEvents.Message("revoked", "{\"seq\":7}", "g:7")), events.next());
        assertEquals(Optional.empty(), events.next());
    }

    @Test
    void dataLinesJoinCommentsAndUnknownFieldsAreIgnoredAndCarriageReturnsEndLines() throws IOException {
        ServerSentEvents events = read(": keep-alive\r\nretry: 1000\r\nfoo: bar\r\ndata:a\r\ndata: b\r\n\r\n");

        assertEquals(Optional.of(new ServerSentEvents.Message("message", "a\nb", "")), events.next());
    }

    @Test
    void theLastIdCarriesOverToLaterEventsWithoutOne() throws IOException {
        ServerSentEvents events = read("id: g:1\nevent: probe\ndata: {}\n\nevent: probe\ndata: {}\n\n");

        assertEquals("g:1", events.next().orElseThrow().lastEventId());
        assertEquals("g:1", events.next().orElseThrow().lastEventId());
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsDropped() throws IOException {
        ServerSentEvents events = read("event: revoked\ndata: {\"seq\":8}\n");

        assertEquals(Optional.empty(), events.next());
    }

    @Test
    void aBlankLineWithoutDataDispatchesNothingAndForgetsTheName() throws IOException {
        ServerSentEvents events = read("event: reset\n\ndata: x\n\n");

        assertEquals(Optional.of(new ServerSentEvents.Message("message", "x", "")), events.next());
    }

    private static ServerSentEvents read(String stream) {
        return new ServerSentEvents(new BufferedReader(new StringReader(stream)));
    }
}
