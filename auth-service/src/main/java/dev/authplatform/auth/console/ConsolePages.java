package dev.authplatform.auth.console;

import dev.authplatform.auth.web.HostedPages;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ViewsRenderer;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The consoles' pages: server-rendered, sent like every hosted page (nonce-only CSP, never framed, {@code no-store}),
 * each with the console's navigation, who is signed in, the form token and a sign-out button.
 */
@Singleton
class ConsolePages {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** One link of a console's navigation; {@code current} marks the page shown ({@code aria-current}). */
    record NavItem(String label, String href, boolean current) {

        NavItem(String label, String href) {
            this(label, href, false);
        }
    }

    private static final Map<ConsoleArea, List<NavItem>> NAVIGATION = Map.of(
            ConsoleArea.ADMIN, List.of(new NavItem("Overview", "/console"), new NavItem("Users", "/console/users"),
                    new NavItem("Clients", "/console/clients"), new NavItem("Signing keys", "/console/keys"),
                    new NavItem("Audit trail", "/console/audit"), new NavItem("MFA policy", "/console/mfa-policy")),
            ConsoleArea.ACCOUNT, List.of(new NavItem("Profile", "/account"), new NavItem("Password", "/account/password"),
                    new NavItem("Two-step sign-in", "/account/two-step"), new NavItem("Sessions", "/account/sessions"),
                    new NavItem("Connected apps", "/account/apps")));

    private final ViewsRenderer<Object, HttpRequest<?>> views;

    ConsolePages(ViewsRenderer<Object, HttpRequest<?>> views) {
        this.views = views;
    }

    MutableHttpResponse<?> page(HttpRequest<?> http, ConsoleArea area, HttpStatus status, String view, String title,
                                Map<String, Object> model, @Nullable Authentication who) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("title", title);
        full.put("areaTitle", area.title());
        full.put("nav", who == null ? List.of() : navigation(area, http.getPath()));
        full.put("csrf", ConsoleCookies.read(http, ConsoleCookies.CSRF).orElse(""));
        full.put("signedInAs", who == null ? null : who.getAttributes().getOrDefault(PlatformClaims.EMAIL, who.getName()));
        full.put("signOutAction", area.path("/signout"));
        full.put("otherConsole", otherConsole(area, who));
        full.putIfAbsent("notice", null);
        full.putIfAbsent("error", null);
        MutableHttpResponse<?> response = HostedPages.page(status, view, full, null, true);
        // rendered here, as FamilyAnswers does, rather than by the views filter: refusals (ConsoleChallengeHandler,
        // ConsoleErrorPages) are pages too, and the views filter does not render an exception handler's or a filter's answer
        return response.body(views.render(view, full, http));
    }

    /** A page with a heading and a sentence: an outcome, a refusal, a failure. */
    MutableHttpResponse<?> message(HttpRequest<?> http, ConsoleArea area, HttpStatus status, String title, String text,
                                   @Nullable Authentication who) {
        Map<String, Object> model = new HashMap<>();
        model.put("text", text);
        model.put("home", area.base());
        return page(http, area, status, "console/message", title, model, who);
    }

    /**
     * A form's change, made only when the form carries this console's CSRF token; a refusal of the change (bad input,
     * a conflict, a throttle) becomes a page saying why, with nothing changed.
     */
    MutableHttpResponse<?> submit(HttpRequest<?> http, ConsoleArea area, Map<String, String> form, @Nullable Authentication who,
                                  Supplier<MutableHttpResponse<?>> change) {
        if (!ConsoleCookies.csrfMatches(http, form == null ? null : form.get("csrf"))) {
            return message(http, area, HttpStatus.FORBIDDEN, "The form expired",
                    "This form did not come from this console, or it is too old. Nothing was changed; open the page again.", who);
        }
        try {
            return change.get();
        } catch (ProblemException refused) {
            MutableHttpResponse<?> page = message(http, area, refused.status(), refused.title(), refused.detail(), who);
            refused.headers().forEach(page::header);
            return page;
        }
    }

    MutableHttpResponse<?> seeOther(String location) {
        return HttpResponse.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** An id from a form or a path, if it is one. */
    static Optional<UUID> uuid(@Nullable String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String when(@Nullable Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    private static List<NavItem> navigation(ConsoleArea area, String path) {
        String current = NAVIGATION.get(area).stream().map(NavItem::href)
                .filter(href -> path.equals(href) || path.startsWith(href + "/"))
                .reduce((a, b) -> b.length() > a.length() ? b : a).orElse("");
        return NAVIGATION.get(area).stream().map(item -> new NavItem(item.label(), item.href(), item.href().equals(current))).toList();
    }

    private static NavItem otherConsole(ConsoleArea area, @Nullable Authentication who) {
        if (area == ConsoleArea.ADMIN) {
            return new NavItem("Your account", ConsoleArea.ACCOUNT.base());
        }
        return who != null && who.getRoles().contains(PlatformClaims.ROLE_ADMIN)
                ? new NavItem("Admin console", ConsoleArea.ADMIN.base()) : null;
    }
}
