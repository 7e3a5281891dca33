package dev.authplatform.common.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code application/x-www-form-urlencoded} bytes (a query string or a form) for {@link InputText}'s check.
 * Strictly: a broken percent-escape, or escaped bytes that are not UTF-8 (an overlong NUL, a surrogate's three bytes),
 * make the text unreadable, where a lenient decoder would have turned them into U+FFFD and let them through.
 */
final class FormText {

    private FormText() {
    }

    /** The first parameter whose name or a value is unacceptable; one with no name when the text cannot be read. */
    static UnacceptableInput firstUnacceptable(byte[] encoded, UnacceptableInput.Part part) {
        int start = 0;
        for (int i = 0; i <= encoded.length; i++) {
            if (i == encoded.length || encoded[i] == '&') {
                UnacceptableInput found = inPair(encoded, start, i, part);
                if (found != null) {
                    return found;
                }
                start = i + 1;
            }
        }
        return null;
    }

    private static UnacceptableInput inPair(byte[] encoded, int from, int to, UnacceptableInput.Part part) {
        if (hasBrokenEscape(encoded, from, to)) {
            return new UnacceptableInput(part, null);
        }
        int equals = from;
        while (equals < to && encoded[equals] != '=') {
            equals++;
        }
        String name = decoded(encoded, from, equals);
        String value = equals < to ? decoded(encoded, equals + 1, to) : "";
        if (name == null || value == null || !InputText.isAcceptable(name) || !InputText.isAcceptable(value)) {
            // a name that is not UTF-8 is reported as its bytes read as Latin-1, made printable by UnacceptableInput
            return new UnacceptableInput(part, name != null ? name
                    : new String(encoded, from, equals - from, StandardCharsets.ISO_8859_1));
        }
        return null;
    }

    private static boolean hasBrokenEscape(byte[] encoded, int from, int to) {
        for (int i = from; i < to; i++) {
            if (encoded[i] == '%') {
                if (i + 2 >= to || Character.digit(encoded[i + 1], 16) < 0 || Character.digit(encoded[i + 2], 16) < 0) {
                    return true;
                }
                i += 2;
            }
        }
        return false;
    }

    /** The text of well-formed escapes, or null when its bytes are not UTF-8. */
    private static String decoded(byte[] encoded, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = encoded[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                bytes.write(Character.digit(encoded[i + 1], 16) << 4 | Character.digit(encoded[i + 2], 16));
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }
}
