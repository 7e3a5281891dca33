package dev.authplatform.common.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;

/**
 * How a service answers a request that carries {@link UnacceptableInput}. The default answers a problem (400, with the
 * offending field); a service whose endpoint families speak other formats (OAuth errors, HTML pages) replaces it.
 */
public interface UnacceptableInputAnswer {

    MutableHttpResponse<?> answer(HttpRequest<?> request, UnacceptableInput input);
}
