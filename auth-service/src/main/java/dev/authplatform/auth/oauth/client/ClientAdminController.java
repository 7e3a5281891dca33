package dev.authplatform.auth.oauth.client;

import dev.authplatform.common.claims.PlatformClaims;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;

import java.util.List;

/** The admin API for registered clients ({@code /admin/clients}); no dynamic registration. Admins only. */
@Controller("/admin/clients")
@Secured(PlatformClaims.ROLE_ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
class ClientAdminController {

    private final ClientService clients;

    ClientAdminController(ClientService clients) {
        this.clients = clients;
    }

    /** 201 with the client; a confidential client without keys gets {@code clientSecret}, shown this once. */
    @Post
    HttpResponse<ClientResponse> create(@Body @Valid ClientRequest request, Authentication admin) {
        return HttpResponse.created(clients.create(request, admin.getName()));
    }

    /** Every live client, oldest first; never a secret. */
    @Get
    List<ClientResponse> list() {
        return clients.list();
    }

    @Get("/{clientId}")
    ClientResponse get(@PathVariable String clientId) {
        return clients.get(clientId);
    }

    @Put("/{clientId}")
    ClientResponse update(@PathVariable String clientId, @Body @Valid ClientRequest request, Authentication admin) {
        return clients.update(clientId, request, admin.getName());
    }

    @Post("/{clientId}/secret")
    ClientResponse rotateSecret(@PathVariable String clientId, Authentication admin) {
        return clients.rotateSecret(clientId, admin.getName());
    }

    @Post("/{clientId}/disable")
    ClientResponse disable(@PathVariable String clientId, Authentication admin) {
        return clients.setEnabled(clientId, false, admin.getName());
    }

    @Post("/{clientId}/enable")
    ClientResponse enable(@PathVariable String clientId, Authentication admin) {
        return clients.setEnabled(clientId, true, admin.getName());
    }

    @Delete("/{clientId}")
    HttpResponse<Void> delete(@PathVariable String clientId, Authentication admin) {
        clients.delete(clientId, admin.getName());
        return HttpResponse.noContent();
    }
}
