package dev.authplatform.common.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputTextTest {

    @Test
    void controlCharactersAndLoneSurrogatesAreRefused() {
        List<String> refused = List.of("a\u0000b", "\t", "line\nbreak", "\r", "\u001b[31m", "del\u007f", "c1\u0085", "\u009f",
                "lone \uD800 high", "lone \uDC00 low", "ends high \uD83D", "\uDE00 starts low");
        assertAll(refused.stream().map(text -> () -> assertFalse(InputText.isAcceptable(text), text)));
    }

    @Test
    void printableTextOfAnyScriptIsAccepted() {
        List<String> accepted = List.of("", "plain", "Zoë O'Brien", "\"quoted\" and \\ back", "\uD83D\uDE00", "日本語",
                "\u00a0nbsp", "<script>", "\uFFFD", "%00");
        assertAll(accepted.stream().map(text -> () -> assertTrue(InputText.isAcceptable(text), text)));
    }
}
