package dev.authplatform.auth.console;

import dev.authplatform.common.testing.Browser;
import dev.authplatform.common.testing.HtmlForms;

import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** The form-level {@link Browser} on one auth-service, following the consoles' sign-in redirects as a browser would. */
final class ConsoleBrowser {

    private final Browser browser = new Browser();
    private final URI base;

    ConsoleBrowser(String base) {
        this.base = URI.create(base);
    }

    HttpResponse<String> get(String path) {
        return browser.get(uri(path));
    }

    /** Posts a form with this console's CSRF token, as its pages do. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(fields);
        form.put("csrf", cookie(path.startsWith("/account") ? "/account" : "/console", "authplatform_console_csrf"));
        return postRaw(path, form);
    }

    HttpResponse<String> postRaw(String path, Map<String, String> form) {
        return browser.postForm(uri(path), form);
    }

    /** Signs in to a console through the hosted page: its redirects, the form, the callback. */
    void signInTo(String console, String email, String password) {
        signInTo(console, email, password, null);
    }

    /** The same, answering the second step with {@code code} when the hosted page asks for one. */
    void signInTo(String console, String email, String password, String code) {
        HttpResponse<String> answer = follow(get(console));
        if (answer.statusCode() == 200 && answer.body().contains("action=\"/oauth2/signin\"")) {
            Map<String, String> form = new HashMap<>(HtmlForms.hiddenFields(answer.body()));
            form.put("email", email);
            form.put("password", password);
            answer = follow(browser.postForm(uri("/oauth2/signin"), form));
        }
        if (code != null && answer.statusCode() == 200 && answer.body().contains("action=\"/oauth2/signin/mfa\"")) {
            Map<String, String> form = new HashMap<>(HtmlForms.hiddenFields(answer.body()));
            form.put("code", code);
            answer = follow(browser.postForm(uri("/oauth2/signin/mfa"), form));
        }
        if (answer.statusCode() != 200 && answer.statusCode() != 403) {
            throw new AssertionError("not signed in to " + console + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    /** A console for a browser that is signed in on the hosted page already: no form. */
    void signInTo(String console) {
        signInTo(console, null, null);
    }

    /** The value of a console cookie, as the browser holds it. */
    String cookie(String consolePath, String name) {
        return browser.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name) && consolePath.equals(c.getPath()))
                .findFirst().orElseThrow(() -> new AssertionError("no cookie " + name + " for " + consolePath)).getValue();
    }

    /** Puts a cookie back as it was (an old value a thief kept, say). */
    void setCookie(String consolePath, String name, String value) {
        var store = browser.cookies().getCookieStore();
        for (URI associated : store.getURIs()) {
            store.get(associated).stream().filter(c -> c.getName().equals(name) && consolePath.equals(c.getPath()))
                    .forEach(c -> store.remove(associated, c));
        }
        store.getCookies().stream().filter(c -> c.getName().equals(name) && consolePath.equals(c.getPath()))
                .forEach(c -> store.remove(null, c));
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath(consolePath);
        cookie.setVersion(0);
        store.add(uri(consolePath), cookie);
    }

    HttpResponse<String> follow(HttpResponse<String> answer) {
        for (int hops = 0; hops < 10 && answer.statusCode() / 100 == 3; hops++) {
            answer = browser.get(uri(answer.headers().firstValue("Location").orElseThrow()));
        }
        return answer;
    }

    private URI uri(String pathOrUri) {
        return base.resolve(pathOrUri);
    }
}
