package dev.authplatform.auth.console;

import dev.authplatform.common.api.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * What the framework itself refuses on a console path (no such page, a method or a body type the page does not take,
 * a body too large) is a console page too, with the same status, instead of the JSON API's problem document.
 */
@ServerFilter(patterns = {"/console/**", "/account/**"})
final class ConsoleErrorPages {

    private final ConsolePages pages;

    ConsoleErrorPages(ConsolePages pages) {
        this.pages = pages;
    }

    @ResponseFilter
    MutableHttpResponse<?> asPage(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var area = ConsoleArea.of(request.getPath());
        boolean problem = response.getContentType().map(type -> type.toString().startsWith(Problem.MEDIA_TYPE)).orElse(false);
        if (area.isEmpty() || !problem || response.getStatus().getCode() < 400) {
            return response;
        }
        HttpStatus status = response.getStatus();
        String text = switch (status) {
            case NOT_FOUND -> "There is no such page in the console.";
            case METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, BAD_REQUEST -> "This request is not one the console's pages send. Nothing was changed.";
            case REQUEST_ENTITY_TOO_LARGE -> "The form is larger than the 64 KiB the console accepts. Nothing was changed.";
            case SERVICE_UNAVAILABLE -> "The console cannot answer right now; try again in a moment. Nothing was changed.";
            default -> "The console could not answer this request. Nothing was changed.";
        };
        MutableHttpResponse<?> page = pages.message(request, area.get(), status, status.getCode() == 404 ? "Not found" : "Not done", text, null);
        response.getHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Retry-After") || name.equalsIgnoreCase("X-Request-Id")) {
                values.forEach(value -> page.header(name, value));
            }
        });
        return page;
    }
}
