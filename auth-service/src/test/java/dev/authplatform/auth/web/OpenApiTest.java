package dev.authplatform.auth.web;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.ContractEndpoints;
import dev.authplatform.common.testing.OpenApiDocument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI 3.1 document generated from the code lists every endpoint docs/contract.md promises for auth-service,
 * and Swagger UI shows it from the service itself (nothing loaded from elsewhere).
 */
@MicronautTest(transactional = false)
class OpenApiTest extends AuthServiceTest {

    @Test
    void theDocumentListsEveryEndpointOfTheContract() {
        Api.Response served = api().get("/swagger/auth-service.yml");
        assertEquals(200, served.status());
        OpenApiDocument document = OpenApiDocument.parse(served.body());
        assertTrue(document.openapi().startsWith("3.1"), document.openapi());

        Set<String> promised = ContractEndpoints.of("auth-service");
        assertTrue(promised.size() > 40, "the contract's tables were read: " + promised);
        Set<String> missing = promised.stream().map(OpenApiDocument::normalized)
                .filter(endpoint -> !document.operations().contains(endpoint)).collect(Collectors.toSet());
        assertEquals(Set.of(), missing, "in docs/contract.md but not in the OpenAPI document");
    }

    @Test
    void swaggerUiIsServedFromTheJar() {
        Api.Response page = api().get("/swagger-ui/index.html");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("auth-service.yml"), "it points at the service's own document");
        assertTrue(!page.body().contains("https://"), "nothing is fetched from another site");
        assertEquals(200, api().get("/swagger-ui/res/swagger-ui-bundle.js").status());
    }
}
