package dev.authplatform.example.web;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.util.Map;

/** The signed-in user's page, and a health check for whoever runs the app. */
@RestController
class HomeController {

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String home(@AuthenticationPrincipal OidcUser user) {
        return "<!doctype html><title>Example web app</title><p>Signed in as " + HtmlUtils.htmlEscape(user.getEmail())
                + " (session " + HtmlUtils.htmlEscape(String.valueOf(user.getClaimAsString("sid"))) + ")</p>";
    }

    @GetMapping("/health")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
