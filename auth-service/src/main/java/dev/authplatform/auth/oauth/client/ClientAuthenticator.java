package dev.authplatform.auth.oauth.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientAuthenticationVerifier;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientCredentialsSelector;
import com.nimbusds.oauth2.sdk.auth.verifier.Context;
import com.nimbusds.oauth2.sdk.auth.verifier.ExpendedJTIChecker;
import com.nimbusds.oauth2.sdk.auth.verifier.InvalidClientException;
import com.nimbusds.oauth2.sdk.auth.verifier.JWTAudienceCheck;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.auth.Secret;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.common.web.InputText;
import dev.authplatform.auth.throttle.LoginThrottle;
import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RevocationSettings;
import dev.authplatform.common.verify.VerifierSettings;
import io.lettuce.core.SetArgs;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.security.Key;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling an {@code /oauth2} endpoint (RFC 6749 section 2.3): {@code client_secret_basic} and
 * {@code client_secret_post} against the stored hash, in constant time; {@code private_key_jwt} (RFC 7523 section
 * 2.2) by Nimbus's verifier against the client's registered keys, with the key's algorithm, an audience of this
 * server, a short lifetime and a {@code jti} used once; or, for a public client, its bare {@code client_id}.
 * Failures are throttled like failed logins and answered with a bare {@code invalid_client}.
 */
@Singleton
public class ClientAuthenticator {

    /** How far ahead a client assertion may expire: RFC 7523 asks for a short life; replays are remembered this long. */
    static final Duration MAX_ASSERTION_LIFE = Duration.ofMinutes(5);
    private static final String THROTTLE_PREFIX = "client:";

    private final ClientService clients;
    private final LoginThrottle throttle;
    private final SecurityAudit audit;
    private final RedisLink redis;
    private final String jtiPrefix;
    private final ClientAuthenticationVerifier<ClientRow> assertions;

    ClientAuthenticator(ClientService clients, LoginThrottle throttle, SecurityAudit audit, RedisLink redis,
                        RevocationSettings namespace, VerifierSettings issuer) {
        this.clients = clients;
        this.throttle = throttle;
        this.audit = audit;
        this.redis = redis;
        this.jtiPrefix = namespace.namespace() + ":client-assertion:";
        String base = issuer.issuerBase();
        Set<Audience> audiences = Set.of(new Audience(issuer.issuer()), new Audience(base + "/oauth2/token"),
                new Audience(base + "/oauth2/revoke"), new Audience(base + "/oauth2/introspect"));
        this.assertions = new ClientAuthenticationVerifier<>(new RegisteredKeys(), audiences, JWTAudienceCheck.LEGACY, new SingleUse());
    }

    /** A client that proved who it is, and how. */
    public record AuthenticatedClient(ClientRow client, ClientAuthenticationMethod method) {

        public String clientId() {
            return client.clientId();
        }

        public boolean isPublic() {
            return ClientAuthenticationMethod.NONE.equals(method);
        }
    }

    /**
     * @param credentials what the request carried (Nimbus parsed it), or null
     * @param namedClient the {@code client_id} parameter of a request without credentials (a public client), or null
     */
    public AuthenticatedClient authenticate(@Nullable ClientAuthentication credentials, @Nullable ClientID namedClient, String address) {
        if (credentials == null) {
            // A public client names itself and proves nothing: only grants bound by PKCE accept it.
            ClientRow client = Optional.ofNullable(namedClient).map(ClientID::getValue).filter(InputText::isAcceptable)
                    .flatMap(clients::findActive)
                    .filter(ClientRow::isPublic).orElseThrow(() -> OAuthError.invalidClient(false));
            return new AuthenticatedClient(client, ClientAuthenticationMethod.NONE);
        }
        String clientId = credentials.getClientID().getValue();
        if (!InputText.isAcceptable(clientId)) {
            // No client has such an id, and it can be neither looked up, nor throttled, nor audited as it is (HTTP Basic
            // and client assertions carry it past the input filters, encoded).
            throw OAuthError.invalidClient(credentials instanceof ClientSecretBasic);
        }
        String method = credentials.getMethod().getValue();
        // The secret is checked before the wait (it costs a hash of 32 bytes), so that asking whether the client waits
        // and clearing its failures after a success are one round trip to Redis; a waiting client is refused either way.
        Optional<ClientRow> client = clients.findActive(clientId).filter(c -> !c.isPublic());
        boolean proven = verified(credentials, client.orElse(null));
        long wait = throttle.secondsToWaitThenSettle(THROTTLE_PREFIX + clientId, address, proven);
        if (wait > 0) {
            audit.clientThrottled(clientId, address);
            throw OAuthError.throttled(wait);
        }
        audit.clientAuthenticated(clientId, method, proven, address);
        if (!proven) {
            throttle.recordFailure(THROTTLE_PREFIX + clientId, address);
            throw OAuthError.invalidClient(credentials instanceof ClientSecretBasic);
        }
        return new AuthenticatedClient(client.get(), credentials.getMethod());
    }

    /** Equal work whether or not the client exists: the secret is hashed and compared either way. */
    private boolean verified(ClientAuthentication credentials, ClientRow client) {
        return switch (credentials) {
            case PlainClientSecret secret -> ClientSecrets.matches(secret.getClientSecret().getValue(), client == null ? null : client.secretHash())
                    && client != null;
            case PrivateKeyJWT assertion -> client != null && client.jwks() != null && assertionVerified(assertion, client);
            default -> false; // client_secret_jwt and TLS client authentication are not offered
        };
    }

    private boolean assertionVerified(PrivateKeyJWT assertion, ClientRow client) {
        JWTAuthenticationClaimsSet claims = assertion.getJWTAuthenticationClaimsSet();
        if (claims.getExpirationTime() == null
                || claims.getExpirationTime().toInstant().isAfter(Instant.now().plus(MAX_ASSERTION_LIFE))) {
            return false;
        }
        try {
            Context<ClientRow> context = new Context<>();
            context.set(client);
            assertions.verify(assertion, null, context);
            return true;
        } catch (InvalidClientException | JOSEException e) {
            return false;
        }
    }

    /** The client's registered public keys that fit the assertion's header: its kid, and the key type of its alg. */
    private static final class RegisteredKeys implements ClientCredentialsSelector<ClientRow> {

        @Override
        public List<Secret> selectClientSecrets(ClientID claimedClientID, ClientAuthenticationMethod authMethod, Context<ClientRow> context) {
            return List.of(); // secrets are checked against their hash by ClientAuthenticator, never here
        }

        @Override
        public List<? extends PublicKey> selectPublicKeys(ClientID claimedClientID, ClientAuthenticationMethod authMethod, JWSHeader header,
                                                          boolean forceRefresh, Context<ClientRow> context) {
            try {
                List<JWK> matching = new JWKSelector(JWKMatcher.forJWSHeader(header)).select(JWKSet.parse(context.get().jwks()));
                return KeyConverter.toJavaKeys(matching).stream()
                        .filter(PublicKey.class::isInstance).map(PublicKey.class::cast).toList();
            } catch (ParseException e) {
                return List.of();
            }
        }
    }

    /** RFC 7523 section 3, point 7: an assertion's {@code jti} is accepted once; claimed atomically in Redis. */
    private final class SingleUse implements ExpendedJTIChecker<ClientRow> {

        @Override
        public boolean isExpended(JWTID jti, ClientID clientID, ClientAuthenticationMethod method, Context<ClientRow> context) {
            String claimed = redis.await(commands -> commands.set(jtiPrefix + clientID.getValue() + ":" + jti.getValue(), "1",
                    SetArgs.Builder.nx().px(MAX_ASSERTION_LIFE.plusMinutes(1).toMillis())));
            return !"OK".equals(claimed);
        }

        @Override
        public void markExpended(JWTID jti, java.util.Date exp, ClientID clientID, ClientAuthenticationMethod method, Context<ClientRow> context) {
            // already claimed in isExpended, in the same step as the check
        }
    }
}
