// A stand-in for auth-service in this package's own tests: discovery, a JWKS, the client-credentials token endpoint and
// the revocation feed, each as docs/revocation-feed.md and the contract state them, on a real HTTP server on loopback.
// The real auth-service is exercised against the example service in platform-tests (CrossStackRevocationDrillTest).

import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

export async function startIssuer() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const second = await generateKeyPair('ES256'); // a second published key, to be revoked in an emergency
  const secondJwk = { ...(await exportJWK(second.publicKey)), kid: 'k2', alg: 'ES256', use: 'sig' };
  const published = []; // keys added later, as a revocation's replacement is
  const clients = new Map([['feed-client', 'feed-secret']]);
  const generation = randomUUID();
  const log = []; // announcements, numbered from 1
  const streams = new Set();
  const state = { probing: true, refusing: false, lastEventIds: [], snapshots: 0 };
  let issuer;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, issuer);
    if (state.refusing) {
      req.socket.destroy();
      return;
    }
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, token_endpoint: `${issuer}/oauth2/token`,
        revocation_snapshot_endpoint: `${issuer}/revocation/snapshot`, revocation_events_endpoint: `${issuer}/revocation/events`,
      });
    }
    if (url.pathname === '/.well-known/jwks.json') return json(res, 200, { keys: [jwk, secondJwk, ...published] });
    if (url.pathname === '/oauth2/token' && req.method === 'POST') {
      const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
      if (clients.get(decodeURIComponent(id ?? '')) !== decodeURIComponent(secret ?? '')) {
        return json(res, 401, { error: 'invalid_client' });
      }
      const token = await sign({ sub: id, client_id: id, scope: 'revocation:read' });
      return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 300, scope: 'revocation:read' });
    }
    if (!(req.headers.authorization ?? '').startsWith('Bearer ')) return json(res, 401, {});
    if (url.pathname === '/revocation/snapshot') {
      state.snapshots++;
      return json(res, 200, { generation, seq: log.length, entries: log.map(({ seq, ...entry }) => entry) });
    }
    if (url.pathname === '/revocation/events') {
      const lastEventId = req.headers['last-event-id'];
      state.lastEventIds.push(lastEventId);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      const [resumeGeneration, resumeSeq] = (lastEventId ?? ':').split(':');
      if (resumeGeneration !== generation || Number(resumeSeq) > log.length) {
        res.end(`event: reset\ndata: ${JSON.stringify({ reason: 'cannot resume' })}\n\n`);
        return;
      }
      const stream = { res, sent: Number(resumeSeq) };
      for (const entry of log.slice(stream.sent)) send(stream, entry);
      probe(stream);
      streams.add(stream);
      req.on('close', () => streams.delete(stream));
      return;
    }
    return json(res, 404, {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${server.address().port}`;
  const ticker = setInterval(() => streams.forEach((stream) => state.probing && probe(stream)), 200);

  function send(stream, entry) {
    stream.res.write(`event: revoked\nid: ${generation}:${entry.seq}\ndata: ${JSON.stringify(entry)}\n\n`);
    stream.sent = entry.seq;
  }

  function probe(stream) {
    stream.res.write(`event: probe\nid: ${generation}:${stream.sent}\ndata: ${JSON.stringify({ generation, seq: log.length })}\n\n`);
  }

  async function sign(claims, { typ = 'at+jwt', alg = 'RS256', key = privateKey, kid = 'k1', lifetime = 600, aud = 'platform',
    iss = issuer, iat } = {}) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ jti: randomUUID(), ...claims })
      .setProtectedHeader({ alg, typ, kid })
      .setIssuer(iss).setAudience(aud).setIssuedAt(iat ?? now).setExpirationTime((iat ?? now) + lifetime)
      .sign(key);
  }

  return {
    get issuer() { return issuer; },
    state,
    sign,
    /** A user's token with a session, as the JSON API issues it. */
    /** Publishes a new key in the JWKS and answers the signing options for it. */
    async publishKey(kid) {
      const pair = await generateKeyPair('ES256');
      published.push({ ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' });
      return { alg: 'ES256', key: pair.privateKey, kid };
    },
    /** Signing options for the second published key (`k2`). */
    secondKey: { alg: 'ES256', key: second.privateKey, kid: 'k2' },
    userToken: (claims = {}, options) => sign({ sub: randomUUID(), sid: randomUUID(), email: 'a@b.test', roles: ['user'], ...claims }, options),
    /** Announces a revocation to every open stream (unless `silently`: then only the log has it, as if lost in flight). */
    revoke(entry, { silently = false } = {}) {
      const numbered = { seq: log.length + 1, ...entry };
      log.push(numbered);
      if (!silently) streams.forEach((stream) => send(stream, numbered));
      return numbered;
    },
    /** Drops every open stream, as a network cut would. */
    cut() {
      streams.forEach((stream) => stream.res.socket.destroy());
      streams.clear();
    },
    openStreams: () => streams.size,
    close() {
      clearInterval(ticker);
      this.cut();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
