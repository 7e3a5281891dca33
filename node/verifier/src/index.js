// Verifies the auth platform's access tokens exactly as its Java verifier (common) does, and refuses revoked tokens at
// once by following auth-service's revocation feed (docs/revocation-feed.md). Express middleware on top.

import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import * as oauth from 'oauth4webapi';
import { FeedRevocationView } from './revocation-feed.js';

export { FeedRevocationView, RevokedEntries } from './revocation-feed.js';

/** The algorithms the platform signs access tokens with (auth.keys.algorithm); never a symmetric one. */
const ALGORITHMS = ['RS256', 'ES256', 'EdDSA', 'Ed25519'];
const FEED_SCOPE = 'revocation:read';

/** A token was refused (401 invalid_token), or the caller lacks what a route needs (403). */
export class TokenRejected extends Error {}

/** The verifier cannot vouch for its answer now (503): revocations not current, keys unreachable. */
export class VerificationUnavailable extends Error {}

/**
 * Creates a verifier for the platform at `issuer`.
 *
 * @param {object} options
 * @param {string} options.issuer  the exact `iss` of accepted tokens; discovery and the JWKS are found from it
 * @param {string} [options.audience='platform']  the `aud` an access token must name
 * @param {string} [options.accessTokenType='at+jwt']  the JOSE `typ` of access tokens (`at+jwt` or `JWT`)
 * @param {number} [options.clockSkewSeconds=60]  leeway on `exp` and `nbf`, at most 60
 * @param {{clientId: string, clientSecret: string, uri?: string}} options.feed  a client with the client_credentials
 *   grant and the revocation:read scope; `uri`: auth-service as this service reaches it (default: the issuer)
 * @param {number} [options.stalenessBoundMs=2000]  how long without a probe from the feed before requests get 503
 * @param {boolean} [options.revocationCheck=true]  false only to measure what the check costs: revoked tokens are then
 *   accepted until they expire
 * @param {(message: string) => void} [options.log]
 */
export async function createVerifier(options) {
  const settings = { audience: 'platform', accessTokenType: 'at+jwt', clockSkewSeconds: 60, stalenessBoundMs: 2000,
    revocationCheck: true, log: () => {}, ...options };
  if (!settings.issuer) throw new Error('issuer must be set');
  if (settings.revocationCheck && (!settings.feed?.clientId || !settings.feed?.clientSecret)) {
    throw new Error('feed.clientId and feed.clientSecret must be set: a client with the revocation:read scope');
  }
  if (settings.clockSkewSeconds < 0 || settings.clockSkewSeconds > 60) throw new Error('clockSkewSeconds must be 0 to 60');

  const base = (settings.feed?.uri ?? settings.issuer).replace(/\/$/, '');
  const insecure = base.startsWith('http:') || settings.issuer.startsWith('http:');
  const requestOptions = insecure ? { [oauth.allowInsecureRequests]: true } : {};
  const issuer = new URL(settings.issuer);
  const server = await oauth.processDiscoveryResponse(issuer,
    await oauth.discoveryRequest(new URL(base), { ...requestOptions, algorithm: 'oidc' }));
  // reached where this service reaches auth-service, which may not be the issuer's public address
  const at = (endpoint) => new URL(new URL(endpoint).pathname, `${base}/`).toString();
  const jwks = createRemoteJWKSet(new URL(at(server.jwks_uri)), { cooldownDuration: 10_000 });
  const tokenServer = { ...server, token_endpoint: at(server.token_endpoint) };

  let feedToken;
  let feedTokenRenewAt = 0;
  const client = { client_id: settings.feed?.clientId };
  const clientAuth = oauth.ClientSecretBasic(settings.feed?.clientSecret ?? '');
  const accessToken = async () => {
    if (feedToken && Date.now() < feedTokenRenewAt) return feedToken;
    const response = await oauth.clientCredentialsGrantRequest(tokenServer, client, clientAuth,
      new URLSearchParams({ scope: FEED_SCOPE }), requestOptions);
    const tokens = await oauth.processClientCredentialsResponse(tokenServer, client, response);
    feedToken = tokens.access_token;
    feedTokenRenewAt = Date.now() + Math.max(0, (tokens.expires_in ?? 60) - 30) * 1000;
    return feedToken;
  };
  if (!settings.revocationCheck) {
    settings.log('revocationCheck is false: revoked tokens are accepted until they expire. Only for measuring what the check costs.');
  }
  const revocations = !settings.revocationCheck ? UNCHECKED : new FeedRevocationView({
    snapshotUri: at(server.revocation_snapshot_endpoint ?? `${settings.issuer}/revocation/snapshot`),
    eventsUri: at(server.revocation_events_endpoint ?? `${settings.issuer}/revocation/events`),
    accessToken,
    forgetToken: () => { feedToken = undefined; },
    stalenessBoundMs: settings.stalenessBoundMs,
    log: settings.log,
  });
  // A revoked key means a new current key: fetch it now, not after the cooldown (a fetch in flight may predate it).
  revocations.whenKeyRevoked?.(() => {
    const pending = jwks.reloading ? jwks.reload().catch(() => {}) : Promise.resolve();
    pending.then(() => jwks.reload()).catch(() => {});
  });

  /**
   * Verifies an access token: signature by a key of the JWKS with that key's algorithm, `typ`, `iss`, `aud`, `exp`
   * and `nbf` within the skew, `sub` and `jti`, `sid` unless it is a service's token, and not revoked.
   * Resolves to the caller; rejects with TokenRejected or VerificationUnavailable.
   */
  async function verify(token) {
    const unavailable = revocations.unavailableReason();
    if (unavailable) throw new VerificationUnavailable(unavailable);
    let payload;
    let protectedHeader;
    try {
      ({ payload, protectedHeader } = await jwtVerify(token, jwks, {
        issuer: settings.issuer,
        audience: settings.audience,
        typ: settings.accessTokenType,
        clockTolerance: settings.clockSkewSeconds,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')) {
        throw new VerificationUnavailable('the signing keys cannot be fetched');
      }
      if (error instanceof TypeError || error?.cause?.code === 'ECONNREFUSED') {
        throw new VerificationUnavailable('the signing keys cannot be fetched');
      }
      throw new TokenRejected(error instanceof errors.JOSEError ? error.message : 'the token is malformed');
    }
    const serviceToken = payload.client_id !== undefined && payload.client_id === payload.sub;
    if (!serviceToken && typeof payload.sid !== 'string') throw new TokenRejected('the token has no session');
    const caller = {
      subject: payload.sub,
      email: payload.email ?? null,
      roles: Array.isArray(payload.roles) ? payload.roles : [],
      sessionId: payload.sid ?? null,
      expiresAt: new Date(payload.exp * 1000).toISOString(),
      clientId: payload.client_id ?? null,
      scopes: typeof payload.scope === 'string' && payload.scope ? payload.scope.split(' ') : [],
      tokenId: payload.jti,
      issuedAt: payload.iat,
    };
    if (revocations.isRevoked({ jti: caller.tokenId, kid: protectedHeader.kid, sid: caller.sessionId, sub: caller.subject,
      clientId: caller.clientId, iat: caller.issuedAt })) {
      throw new TokenRejected('the token has been revoked');
    }
    return caller;
  }

  /**
   * Express middleware: a valid, unrevoked bearer token with every role and scope asked for, else an RFC 6750 answer
   * (401 invalid_token, 403 insufficient_scope) as application/problem+json; 503 with Retry-After when the verifier
   * cannot vouch. Puts the caller on `req.auth`.
   */
  function required({ roles = [], scopes = [] } = {}) {
    return async (req, res, next) => {
      const header = req.get('authorization') ?? '';
      const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(header);
      if (!match) {
        return problem(res, 401, 'Unauthorized', 'A bearer token is required.', 'Bearer');
      }
      try {
        const caller = await verify(match[1]);
        const missingScopes = scopes.filter((scope) => !caller.scopes.includes(scope));
        if (missingScopes.length > 0) {
          return problem(res, 403, 'Forbidden', 'The token lacks a scope this needs.',
            `Bearer error="insufficient_scope", scope="${scopes.join(' ')}"`);
        }
        if (!roles.every((role) => caller.roles.includes(role))) {
          return problem(res, 403, 'Forbidden', 'The caller lacks a role this needs.', 'Bearer error="insufficient_scope"');
        }
        req.auth = caller;
        return next();
      } catch (error) {
        if (error instanceof VerificationUnavailable) {
          res.set('Retry-After', '1');
          return problem(res, 503, 'Service Unavailable', 'Tokens cannot be verified right now; retry shortly.');
        }
        if (error instanceof TokenRejected) {
          return problem(res, 401, 'Unauthorized', 'The token was refused.',
            'Bearer error="invalid_token", error_description="The token was refused"');
        }
        return next(error);
      }
    };
  }

  return { verify, required, revocations, close: () => revocations.close() };
}

const UNCHECKED = { isRevoked: () => false, unavailableReason: () => undefined, close: () => {} };

function problem(res, status, title, detail, challenge) {
  if (challenge) res.set('WWW-Authenticate', challenge);
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title, status, detail }));
}
