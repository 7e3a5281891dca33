import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { SignJWT, generateKeyPair } from 'jose';
import { createVerifier } from '../src/index.js';
import { startIssuer } from './support/issuer.js';

const until = () => Math.floor(Date.now() / 1000) + 600;

async function poll(what, deadlineMs, condition) {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > deadlineMs) assert.fail(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

describe('an Express service with the verifier', () => {
  let issuer;
  let verifier;
  let server;
  let base;

  const get = (path, token) => fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  before(async () => {
    issuer = await startIssuer();
    verifier = await createVerifier({ issuer: issuer.issuer, feed: { clientId: 'feed-client', clientSecret: 'feed-secret' } });
    const app = express();
    app.get('/api/public/info', (req, res) => res.json({ service: 'test' }));
    app.get('/api/me', verifier.required(), (req, res) => res.json(req.auth));
    app.get('/api/reports', verifier.required({ scopes: ['reports:read'] }), (req, res) => res.json({ ok: true }));
    app.get('/api/admin', verifier.required({ roles: ['admin'] }), (req, res) => res.json({ ok: true }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
    await poll('the revocation view to be current', 5000, () => verifier.revocations.unavailableReason() === undefined);
  });

  after(async () => {
    verifier.close();
    server.closeAllConnections();
    server.close();
    await issuer.close();
  });

  test('a valid token reaches the route with the caller on req.auth', async () => {
    const token = await issuer.userToken({ email: 'ada@platform.test', roles: ['user'], scope: 'reports:read' });
    const response = await get('/api/me', token);
    assert.equal(response.status, 200);
    const me = await response.json();
    assert.equal(me.email, 'ada@platform.test');
    assert.deepEqual(me.roles, ['user']);
    assert.deepEqual(me.scopes, ['reports:read']);
    assert.match(me.sessionId, /^[0-9a-f-]{36}$/);
    assert.equal((await get('/api/public/info')).status, 200);
  });

  test('no token is a 401 with a bare Bearer challenge, as RFC 6750 section 3.1 says', async () => {
    const response = await get('/api/me');
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });

  test('every forged or misdirected token is a 401 invalid_token', async () => {
    const other = await generateKeyPair('RS256');
    const hs = new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: 'k1' })).toString('base64url')}.`
      + `${Buffer.from(JSON.stringify({ iss: issuer.issuer, aud: 'platform', sub: 'x', sid: 'y', jti: 'z', iat: now, exp: now + 60 })).toString('base64url')}.`;
    const forged = {
      'another key': await issuer.userToken({}, { key: other.privateKey }),
      'HS256 under the key id': await new SignJWT({ sub: 'x', sid: 'y', jti: 'z' }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: 'k1' })
        .setIssuer(issuer.issuer).setAudience('platform').setIssuedAt().setExpirationTime('1m').sign(hs),
      'alg none': unsigned,
      'another issuer': await issuer.userToken({}, { iss: 'http://elsewhere.test' }),
      'another audience': await issuer.userToken({}, { aud: 'payments' }),
      'an ID token (typ JWT)': await issuer.userToken({}, { typ: 'JWT' }),
      'expired beyond the skew': await issuer.userToken({}, { iat: now - 3600, lifetime: 600 }),
      'a user token without a session': await issuer.sign({ sub: randomUUID() }),
      'garbage': 'abc.def.ghi',
    };
    for (const [what, token] of Object.entries(forged)) {
      const response = await get('/api/me', token);
      assert.equal(response.status, 401, what);
      assert.match(response.headers.get('www-authenticate'), /^Bearer error="invalid_token"/, what);
    }
  });

  test('a missing scope or role is a 403 insufficient_scope', async () => {
    const token = await issuer.userToken({ roles: ['user'], scope: 'other:read' });
    const noScope = await get('/api/reports', token);
    assert.equal(noScope.status, 403);
    assert.equal(noScope.headers.get('www-authenticate'), 'Bearer error="insufficient_scope", scope="reports:read"');
    assert.equal((await get('/api/admin', token)).status, 403);
    assert.equal((await get('/api/admin', await issuer.userToken({ roles: ['admin'] }))).status, 200);
  });

  test('every kind of revocation is refused within half a second of its announcement', async () => {
    const sessionToken = await issuer.userToken({ sid: randomUUID() });
    const userId = randomUUID();
    const userToken = await issuer.userToken({ sub: userId });
    const singleToken = await issuer.userToken({ jti: randomUUID() });
    const service = `svc-${randomUUID()}`;
    const serviceToken = await issuer.sign({ sub: service, client_id: service, scope: 'x' });
    for (const token of [sessionToken, userToken, singleToken, serviceToken]) assert.equal((await get('/api/me', token)).status, 200);
    const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url'));
    const now = Math.floor(Date.now() / 1000);

    issuer.revoke({ kind: 'session', id: claimsOf(sessionToken).sid, until: until() });
    issuer.revoke({ kind: 'user', id: userId, notBefore: now + 1, until: until() });
    issuer.revoke({ kind: 'token', id: claimsOf(singleToken).jti, until: until() });
    issuer.revoke({ kind: 'client', id: service, notBefore: now + 1, until: until() });

    for (const token of [sessionToken, userToken, singleToken, serviceToken]) {
      await poll('the revoked token to be refused', 500, async () => (await get('/api/me', token)).status === 401);
    }
    const later = await issuer.userToken({ sub: userId }, { iat: now + 2 });
    assert.equal((await get('/api/me', later)).status, 200, 'a token issued after the user-wide revocation is accepted');
  });

  test('a revoked signing key: every token it signed is refused within half a second, other keys\' tokens are not', async () => {
    const signedByK2 = await issuer.userToken({}, issuer.secondKey);
    const serviceByK2 = await issuer.sign({ sub: 'svc-k2', client_id: 'svc-k2', scope: 'x' }, issuer.secondKey);
    const signedByK1 = await issuer.userToken();
    for (const token of [signedByK2, serviceByK2, signedByK1]) assert.equal((await get('/api/me', token)).status, 200);

    // the verifier fetched the JWKS moments ago (a token naming an unknown key makes sure), so it is cooling down
    assert.equal((await get('/api/me', await issuer.userToken({}, { ...issuer.secondKey, kid: 'k-unknown' }))).status, 401);
    const replacement = await issuer.publishKey('k3');
    issuer.revoke({ kind: 'key', id: 'k2', until: until() });

    for (const token of [signedByK2, serviceByK2]) {
      await poll('the token of the revoked key to be refused', 500, async () => (await get('/api/me', token)).status === 401);
    }
    const issuedAfter = await issuer.userToken({}, issuer.secondKey);
    assert.equal((await get('/api/me', issuedAfter)).status, 401, 'a token signed with it later is refused too, whatever its times');
    assert.equal((await get('/api/me', signedByK1)).status, 200, 'a token of another key is still accepted');
    const signedByReplacement = await issuer.userToken({}, replacement);
    await poll('the replacement key to be fetched at once, not after the cooldown', 500,
      async () => (await get('/api/me', signedByReplacement)).status === 200);
  });

  test('a cut stream answers 503 at once, then resumes from the last number heard with nothing lost', async () => {
    const token = await issuer.userToken();
    const revokedWhileCut = await issuer.userToken();
    const snapshots = issuer.state.snapshots;
    issuer.state.refusing = true;
    issuer.cut();
    await poll('the verifier to stop vouching', 200, async () => (await get('/api/me', token)).status === 503);
    const unavailable = await get('/api/me', token);
    assert.equal(unavailable.headers.get('retry-after'), '1');
    const sid = JSON.parse(Buffer.from(revokedWhileCut.split('.')[1], 'base64url')).sid;
    const announced = issuer.revoke({ kind: 'session', id: sid, until: until() });

    issuer.state.refusing = false;
    const tookMs = await poll('the verifier to vouch again', 1000, async () => (await get('/api/me', token)).status === 200);
    assert.equal((await get('/api/me', revokedWhileCut)).status, 401, 'the revocation made while cut was replayed');
    assert.equal(issuer.state.lastEventIds.at(-1).split(':')[1], String(announced.seq - 1), 'resumed from the last number heard');
    assert.equal(issuer.state.snapshots, snapshots, 'resumed, without a new snapshot');
    console.log(`node verifier: current again ${tookMs.toFixed(0)} ms after the feed came back`);
  });

  test('silence past the staleness bound is a 503, and a lost announcement loads a new snapshot', async () => {
    const token = await issuer.userToken();
    issuer.state.probing = false;
    await poll('the verifier to answer 503', 3000, async () => (await get('/api/me', token)).status === 503);
    issuer.state.probing = true;
    await poll('the verifier to vouch again', 1000, async () => (await get('/api/me', token)).status === 200);

    const snapshots = issuer.state.snapshots;
    const lost = await issuer.userToken();
    const sid = JSON.parse(Buffer.from(lost.split('.')[1], 'base64url')).sid;
    issuer.revoke({ kind: 'session', id: sid, until: until() }, { silently: true });
    await poll('the lost revocation to be recovered from a snapshot', 1000, async () => (await get('/api/me', lost)).status === 401);
    assert.equal(issuer.state.snapshots, snapshots + 1);
  });
});

test('a verifier without the feed client is refused at creation', async () => {
  await assert.rejects(createVerifier({ issuer: 'http://127.0.0.1:1', feed: {} }), /feed.clientId/);
});
