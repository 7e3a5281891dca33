package dev.authplatform.common.web;

/**
 * The text the platform takes from a request: no C0 control character (U+0000 to U+001F: NUL, which PostgreSQL
 * cannot store, line breaks that forge log lines and headers), no DEL or C1 control character (U+007F to U+009F), and
 * no lone surrogate (not a character at all: it has no UTF-8 form). None of them belongs in an email address, a name, a
 * password, an identifier, a URI or any OAuth parameter (RFC 6749 appendix A allows none of them), so they are refused
 * at the boundary rather than handled wherever the text goes.
 */
public final class InputText {

    private InputText() {
    }

    public static boolean isAcceptable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
