package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.ContractEndpoints;
import dev.authplatform.common.testing.OpenApiDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged services serve their OpenAPI 3.1 documents and Swagger UI, and each document lists every endpoint
 * docs/contract.md promises for that service (common's health and metrics endpoints merged in).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private Platform platform;

    @BeforeAll
    void start() {
        platform = new Platform().start();
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void eachServiceDocumentsEveryEndpointOfItsContract() {
        check(platform.authApi(), "auth-service");
        check(platform.resourceApi(), "resource-service");
    }

    @Test
    void swaggerUiIsServedByEachService() {
        for (Api api : new Api[]{platform.authApi(), platform.resourceApi()}) {
            Api.Response page = api.get("/swagger-ui/index.html");
            assertEquals(200, page.status(), api.base());
            assertTrue(page.body().contains("swagger-ui"), api.base());
        }
    }

    private static void check(Api api, String service) {
        Api.Response served = api.get("/swagger/" + service + ".yml");
        assertEquals(200, served.status(), service);
        OpenApiDocument document = OpenApiDocument.parse(served.body());
        assertTrue(document.openapi().startsWith("3.1"), service + ": " + document.openapi());
        Set<String> promised = ContractEndpoints.of(service);
        assertTrue(promised.contains("GET /health/liveness"), service + ": the contract's tables were read: " + promised);
        Set<String> missing = promised.stream().map(OpenApiDocument::normalized)
                .filter(endpoint -> !document.operations().contains(endpoint)).collect(Collectors.toSet());
        assertEquals(Set.of(), missing, service + ": in docs/contract.md but not in its OpenAPI document");
    }
}
