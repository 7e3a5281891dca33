package dev.authplatform.common.claims;

/** Names of the platform's own JWT claims and header values (see ../shared/API.md, "Tokens"). */
public final class PlatformClaims {

    /** The session a token belongs to; revoking the session revokes every token carrying it. */
    public static final String SESSION_ID = "sid";
    /** Array of role names, e.g. {@code ["user","admin"]}. */
    public static final String ROLES = "roles";
    public static final String EMAIL = "email";
    /** How the user signed in (RFC 8176 values such as "pwd", "otp"), in access and ID tokens. */
    public static final String AMR = "amr";
    /** RFC 9068 section 2.2: the client the token was issued to; on a service token also its subject. */
    public static final String CLIENT_ID = "client_id";
    /** RFC 9068 section 2.2.3: the granted scopes, space-separated. */
    public static final String SCOPE = "scope";

    /** RFC 9068 access-token type; {@code JWT} is the interoperable alternative (setting {@code auth.tokens.access-token-type}). */
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";
    /** Refresh tokens carry their own type so that no verifier mistakes them for access tokens. */
    public static final String REFRESH_TOKEN_TYPE = "refresh+jwt";

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    private PlatformClaims() {
    }
}
