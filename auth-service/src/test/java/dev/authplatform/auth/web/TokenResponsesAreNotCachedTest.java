package dev.authplatform.auth.web;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 6749 section 5.1 applies to the JSON API too: every answer that carries a token says no-store. */
@MicronautTest(transactional = false)
class TokenResponsesAreNotCachedTest extends AuthServiceTest {

    @Test
    void registerLoginAndRefreshAnswersAreNeverStored() {
        Api.Response registered = api().registerSomeone();
        Api.Response login = loginAsAdmin();
        Api.Response refreshed = api().post("/auth/refresh", Api.json("refreshToken", registered.refreshToken()));

        for (Api.Response response : List.of(registered, login, refreshed)) {
            assertEquals("no-store", response.header("Cache-Control"), response.toString());
            assertEquals("no-cache", response.header("Pragma"));
        }
    }
}
