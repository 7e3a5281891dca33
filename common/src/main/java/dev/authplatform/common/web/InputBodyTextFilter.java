package dev.authplatform.common.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.io.IOException;

/**
 * Refuses a JSON or form body with text the platform does not take ({@link InputText}) in any property, any element or
 * any field, or a form that cannot be read, before the endpoint binds it: answered by the service's
 * {@link UnacceptableInputAnswer}. The raw bytes are read, not text a lenient decoder made of them. JSON that is not
 * well-formed (bytes that are not UTF-8 included) is left to the endpoint, which refuses it itself.
 * Only methods that carry a body: a GET is never made to wait for one.
 */
@ServerFilter(value = ServerFilter.MATCH_ALL_PATTERN, methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
final class InputBodyTextFilter implements Ordered {

    private static final JsonFactory JSON = new JsonFactory();

    private final UnacceptableInputAnswer answer;

    InputBodyTextFilter(UnacceptableInputAnswer answer) {
        this.answer = answer;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.RENDERING.after(); // as InputTextFilter
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseUnacceptableText(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        MediaType type = request.getContentType().orElse(null);
        UnacceptableInput found = null;
        if (type != null && type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            found = FormText.firstUnacceptable(body, UnacceptableInput.Part.FORM);
        } else if (type != null && (type.matches(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"))) {
            found = inJson(body);
        }
        return found == null ? null : answer.answer(request, found);
    }

    /** The top-level property under which an unacceptable name or string lies, {@code body} for a bare value. */
    private static UnacceptableInput inJson(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            String topLevel = "body";
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && parser.getParsingContext().getParent().inRoot()) {
                    topLevel = parser.currentName();
                }
                if ((token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) && !InputText.isAcceptable(parser.getText())) {
                    return new UnacceptableInput(UnacceptableInput.Part.JSON, topLevel);
                }
            }
            return null;
        } catch (IOException notWellFormed) {
            return null;
        }
    }
}
