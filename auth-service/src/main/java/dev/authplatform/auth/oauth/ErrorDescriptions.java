package dev.authplatform.auth.oauth;

import java.nio.charset.StandardCharsets;

/**
 * What may go out as an {@code error_description}: RFC 6749 section 5.2 allows only %x20-21 / %x23-5B / %x5D-7E
 * (printable ASCII but {@code "} and {@code \}). A description that quotes client input (the Nimbus SDK's do) has
 * every other character percent-encoded, as its UTF-8 bytes, and is cut to a readable length.
 */
public final class ErrorDescriptions {

    private static final int MAX_LENGTH = 200;

    private ErrorDescriptions() {
    }

    public static String safe(String description) {
        if (description == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (byte b : description.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (out.length() >= MAX_LENGTH) {
                return out.append("...").toString();
            }
            boolean allowed = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' && c != '%';
            out.append(allowed ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return out.toString();
    }
}
