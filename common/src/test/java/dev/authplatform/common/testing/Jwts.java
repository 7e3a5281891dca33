package dev.authplatform.common.testing;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.text.ParseException;
import java.util.Map;

/** Reads a compact JWS without verifying it, to look at what a test was given. */
public final class Jwts {

    private Jwts() {
    }

    public static Map<String, Object> header(String token) {
        return part(token, 0);
    }

    public static Map<String, Object> claims(String token) {
        return part(token, 1);
    }

    public static String claim(String token, String name) {
        return (String) claims(token).get(name);
    }

    private static Map<String, Object> part(String token, int index) {
        try {
            return JSONObjectUtils.parse(new Base64URL(token.split("\\.")[index]).decodeToString());
        } catch (ParseException e) {
            throw new AssertionError("not a JWT part: " + e.getMessage(), e);
        }
    }
}
