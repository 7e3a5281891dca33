package dev.authplatform.auth.console;

import java.util.List;
import java.util.Optional;

/**
 * The two consoles: the admin console for operators and the account console for every user. Each is the same
 * first-party client signed in by the platform's own code flow, with its own cookies scoped to its path.
 */
public enum ConsoleArea {

    ADMIN("/console", "Admin console"),
    ACCOUNT("/account", "Your account");

    /** Hosted pages under /account that an emailed link opens without signing in: not the console's. */
    private static final List<String> EMAILED_LINK_PAGES = List.of("/account/verify-email", "/account/forgot-password",
            "/account/reset-password");

    private final String base;
    private final String title;

    ConsoleArea(String base, String title) {
        this.base = base;
        this.title = title;
    }

    public String base() {
        return base;
    }

    public String title() {
        return title;
    }

    public String path(String rest) {
        return base + rest;
    }

    /** The console a request path belongs to, if any. */
    public static Optional<ConsoleArea> of(String path) {
        for (ConsoleArea area : values()) {
            if (path.equals(area.base) || path.startsWith(area.base + "/")) {
                if (area == ACCOUNT && EMAILED_LINK_PAGES.stream().anyMatch(path::startsWith)) {
                    return Optional.empty();
                }
                return Optional.of(area);
            }
        }
        return Optional.empty();
    }

    /**
     * Where to go after signing in: a path of this console as given, else its home. Never another origin or another
     * path: {@code next} comes from the query string.
     */
    public String safeNext(String next) {
        if (next == null || !next.startsWith(base) || next.startsWith("//") || next.contains("\\") || next.length() > 500
                || next.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return base;
        }
        String path = next.contains("?") ? next.substring(0, next.indexOf('?')) : next;
        return of(path).filter(area -> area == this).isPresent() ? next : base;
    }
}
