package dev.authplatform.auth.oauth;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OAuthErrorTest {

    /** RFC 6749 section 5.2: error_description = 1*( %x20-21 / %x23-5B / %x5D-7E ). */
    private static final String ALLOWED = "[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*";

    @Test
    void aDescriptionQuotingClientInputGoesOutInTheAllowedCharactersOnly() {
        OAuthError error = OAuthError.of(OAuth2Error.UNSUPPORTED_GRANT_TYPE, "unsupported: \"x\" \\ a\nb \u0000 zoë %");

        String description = error.error().getDescription();
        assertTrue(description.matches(ALLOWED), description);
        assertEquals("unsupported: %22x%22 %5C a%0Ab %00 zo%C3%AB %25", description);
    }

    @Test
    void aLongDescriptionIsCutShort() {
        String description = OAuthError.invalidRequest("x".repeat(10_000)).error().getDescription();

        assertTrue(description.length() <= 203, "length " + description.length());
    }

    @Test
    void theAnswerIsTheProtocolsJsonNeverCached() {
        var response = OAuthError.invalidClient(true).toResponse();

        assertEquals(401, response.code());
        assertEquals(Map.of("error", "invalid_client", "error_description", "client authentication failed"), response.body());
        assertEquals("no-store", response.getHeaders().get(HttpHeaders.CACHE_CONTROL));
        assertEquals("Basic realm=\"oauth2\"", response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void dataTheDatabaseRefusedIsInvalidRequestNotUnavailable() {
        OAuthError error = assertThrows(OAuthError.class, () -> guardedFailingWith("22021"));

        assertEquals("invalid_request", error.error().getCode());
        assertEquals(400, error.status());
        assertEquals(0, error.retryAfterSeconds());
    }

    @Test
    void aLostConnectionIsTemporarilyUnavailable() {
        OAuthError error = assertThrows(OAuthError.class, () -> guardedFailingWith("08006"));

        assertEquals("temporarily_unavailable", error.error().getCode());
        assertEquals(503, error.status());
    }

    @Test
    void anyOtherDatabaseErrorIsOursAndNotDisguisedAsUnavailability() {
        DataAccessException thrown = assertThrows(DataAccessException.class, () -> guardedFailingWith("42P01"));

        assertEquals("42P01", ((SQLException) thrown.getCause()).getSQLState());
    }

    /** Runs work through {@link OAuthExchange#guarded} that fails as the data layer does on this SQLSTATE. */
    private static void guardedFailingWith(String sqlState) {
        OAuthExchange.guarded(() -> {
            throw new DataAccessException("Error executing SQL", new SQLException("refused", sqlState));
        });
    }
}
