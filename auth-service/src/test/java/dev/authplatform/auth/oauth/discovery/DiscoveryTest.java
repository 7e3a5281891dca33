package dev.authplatform.auth.oauth.discovery;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 8414 metadata at both well-known paths, read by the Nimbus SDK as a client library reads it; nothing untrue in it. */
@MicronautTest(transactional = false)
class DiscoveryTest extends AuthServiceTest {

    @Test
    void bothWellKnownPathsServeMetadataAClientLibraryReads() throws Exception {
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
            Api.Response response = api().get(path);
            AuthorizationServerMetadata metadata = AuthorizationServerMetadata.parse(response.body());
            String issuer = metadata.getIssuer().getValue();

            assertEquals("http://localhost:" + server.getPort(), issuer);
            assertEquals(issuer + "/oauth2/token", metadata.getTokenEndpointURI().toString());
            assertEquals(issuer + "/oauth2/revoke", metadata.getRevocationEndpointURI().toString());
            assertEquals(issuer + "/oauth2/introspect", metadata.getIntrospectionEndpointURI().toString());
            assertEquals(issuer + "/.well-known/jwks.json", metadata.getJWKSetURI().toString());
            assertTrue(metadata.getGrantTypes().contains(GrantType.CLIENT_CREDENTIALS));
            assertTrue(metadata.getTokenEndpointAuthMethods().containsAll(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                    ClientAuthenticationMethod.CLIENT_SECRET_POST, ClientAuthenticationMethod.PRIVATE_KEY_JWT)));
        }
    }

    @Test
    void anOpenIdConnectLibraryReadsTheOpenIdPathToo() throws Exception {
        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(api().get("/.well-known/openid-configuration").body());

        assertEquals(List.of(SubjectType.PUBLIC), metadata.getSubjectTypes());
        assertTrue(metadata.getTokenEndpointURI().toString().endsWith("/oauth2/token"));
    }

    @Test
    void itNamesNothingThatIsNotImplemented() {
        Api.Response response = api().get("/.well-known/openid-configuration");

        assertFalse(response.json().containsKey("registration_endpoint"), "no dynamic registration");
        assertFalse(response.list("grant_types_supported").contains("password"), "no password grant (RFC 9700)");
        assertFalse(response.list("grant_types_supported").contains("implicit"));
        assertFalse(response.list("response_types_supported").contains("token"), "no implicit flow");
        Api.Response token = api().send("POST", "/oauth2/token", "application/x-www-form-urlencoded", "grant_type=client_credentials", null);
        assertEquals("invalid_client", token.string("error"), "the token endpoint it names speaks RFC 6749: " + token);
    }
}
