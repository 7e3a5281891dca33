package dev.authplatform.auth.web;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error is RFC 9457 problem+json with type, title, status and detail, and no internals. */
@MicronautTest(transactional = false)
class ErrorResponsesTest extends AuthServiceTest {

    @Test
    void unknownPathIsNotFoundProblem() {
        assertProblem(api().get("/no/such/path"), 404);
    }

    @Test
    void unknownPathWithBearerTokenIsStillNotFound() {
        assertProblem(api().get("/no/such/path", "some-token"), 404);
    }

    @Test
    void wrongMethodIsMethodNotAllowedProblem() {
        assertProblem(api().send("DELETE", "/auth/register", null, null, null), 405);
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaTypeProblem() {
        assertProblem(api().send("POST", "/auth/register", "text/plain", "hello", null), 415);
    }

    @Test
    void bodyOver64KiBIsTooLargeProblem() {
        String big = "{\"email\":\"" + "a".repeat(65 * 1024) + "\"}";
        assertProblem(api().post("/auth/register", big), 413);
    }

    @Test
    void malformedJsonIsBadRequestProblem() {
        Api.Response response = api().post("/auth/register", "{\"email\": ");
        assertProblem(response, 400);
    }

    @Test
    void jsonOfTheWrongShapeIsBadRequestProblem() {
        assertProblem(api().post("/auth/register", "[1,2,3]"), 400);
    }

    @Test
    void healthReportsDatabaseAndRedisUp() {
        Api.Response response = api().get("/health");
        assertEquals(200, response.status(), response.toString());
        Map<String, Object> body = response.json();
        assertEquals("UP", body.get("status"));
        assertEquals("UP", body.get("database"));
        assertEquals("UP", body.get("redis"));
    }

    static void assertProblem(Api.Response response, int status) {
        assertEquals(status, response.status(), response.toString());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.header("Content-Type"));
        Map<String, Object> problem = response.json();
        assertNotNull(problem.get("type"));
        assertNotNull(problem.get("title"));
        assertEquals((long) status, problem.get("status"));
        assertNotNull(problem.get("detail"));
        assertFalse(response.body().contains("Exception"), "no class names: " + response.body());
        assertFalse(response.body().contains("\tat "), "no stack traces");
    }
}
