package dev.authplatform.auth.oauth.consent;

import dev.authplatform.auth.oauth.client.ClientRow;
import dev.authplatform.auth.oauth.client.ClientService;
import dev.authplatform.auth.session.SignedInUser;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** {@code GET /auth/consents} and {@code DELETE /auth/consents/{clientId}}: the signed-in user's own consents. */
@Controller("/auth/consents")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsentsController {

    private final Consents consents;
    private final ClientService clients;

    ConsentsController(Consents consents, ClientService clients) {
        this.consents = consents;
        this.clients = clients;
    }

    /** One consent: the client, what it may have, since when. */
    @Serdeable
    record Consent(String clientId, String clientName, List<String> scopes, Instant grantedAt) {
    }

    @Get
    List<Consent> list(Authentication caller) {
        return consents.of(SignedInUser.of(caller).userId()).stream()
                .map(c -> new Consent(c.clientId(), clients.findActive(c.clientId()).map(ClientRow::name).orElse(c.clientId()),
                        c.scopeList(), c.grantedAt()))
                .toList();
    }

    /** Withdraws it: the client's tokens for this user are refused everywhere at once. */
    @Delete("/{clientId}")
    HttpResponse<Void> withdraw(@PathVariable String clientId, Authentication caller) {
        if (!consents.withdraw(SignedInUser.of(caller).userId(), clientId)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not Found", "You have not consented to this client.");
        }
        return HttpResponse.noContent();
    }
}
