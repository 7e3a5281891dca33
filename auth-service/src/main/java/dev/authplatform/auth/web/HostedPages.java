package dev.authplatform.auth.web;

import dev.authplatform.auth.oauth.OpaqueTokens;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;

import java.util.Map;

/**
 * Every page auth-service renders (sign-in, consent, account pages) is sent this way: a strict Content-Security-Policy
 * (no script at all, styles only by this response's nonce, never framed), no sniffing, no Referer to another origin,
 * never stored by a cache (some carry a token from an emailed link).
 */
public final class HostedPages {

    private HostedPages() {
    }

    /** @param extraFormOrigin an origin the page's forms may also lead to (a client's redirect URI); null for none */
    public static MutableHttpResponse<?> page(HttpStatus status, String view, Map<String, Object> model, String extraFormOrigin) {
        return page(status, view, model, extraFormOrigin, false);
    }

    /**
     * @param scripts whether the page's own inline scripts run (by the same nonce as its styles; a progressive
     *                enhancement such as a copy button, never needed to use the page)
     */
    public static MutableHttpResponse<?> page(HttpStatus status, String view, Map<String, Object> model, String extraFormOrigin,
                                              boolean scripts) {
        String nonce = OpaqueTokens.generate();
        model.put("cspNonce", nonce);
        String formAction = extraFormOrigin == null ? "'self'" : "'self' " + extraFormOrigin;
        return HttpResponse.status(status).contentType(MediaType.TEXT_HTML_TYPE)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce + "'"
                        + (scripts ? "; script-src 'nonce-" + nonce + "'" : "") + "; form-action " + formAction
                        + "; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff")
                // Not no-referrer: under it a browser posts the page's own form with "Origin: null", which the CORS
                // filter rightly refuses. same-origin sends no referrer to any other origin either.
                .header("Referrer-Policy", "same-origin")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new ModelAndView<>(view, model));
    }
}
