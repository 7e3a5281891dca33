package dev.authplatform.common.web;

/** The {@code type} URIs of the platform's problems. {@code about:blank} stands for "just the HTTP status". */
public final class ProblemTypes {

    private static final String BASE = "urn:authplatform:problem:";

    public static final String BLANK = "about:blank";
    public static final String VALIDATION = BASE + "validation";
    public static final String MALFORMED_REQUEST = BASE + "malformed-request";
    public static final String INVALID_TOKEN = BASE + "invalid-token";
    public static final String UNAUTHENTICATED = BASE + "unauthenticated";
    public static final String FORBIDDEN = BASE + "insufficient-scope";
    public static final String UNAVAILABLE = BASE + "unavailable";
    public static final String CONFLICT = BASE + "conflict";
    public static final String INVALID_CREDENTIALS = BASE + "invalid-credentials";
    public static final String TOO_MANY_REQUESTS = BASE + "too-many-requests";
    public static final String NOT_FOUND = BASE + "not-found";
    /** An emailed link (address verification, password reset) that is unknown, used, expired or superseded. */
    public static final String INVALID_LINK = BASE + "invalid-link";
    /** The password was right, but the account has not verified its email address (auth.email-verification.required-for-sign-in). */
    public static final String EMAIL_NOT_VERIFIED = BASE + "email-not-verified";

    private ProblemTypes() {
    }
}
