// The demo app: authorization code + PKCE (RFC 7636) as a public client, in plain JavaScript.
// config.json (written next to this file by whoever serves it) says where the platform is and who this app is.
// Tokens are kept in sessionStorage to survive the redirects of a demo; a real app keeps them in memory or behind
// its own backend, out of reach of any script injected into the page.

const config = await (await fetch('config.json')).json();
const discovery = await (await fetch(`${config.authority}/.well-known/openid-configuration`)).json();
const $ = (id) => document.getElementById(id);

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function random() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}
function claimsOf(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(part + '='.repeat((4 - part.length % 4) % 4)));
}
function tokens() {
  return JSON.parse(sessionStorage.getItem('tokens') || 'null');
}

async function signIn() {
  const verifier = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = random();
  sessionStorage.setItem('pkce', JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: config.redirectUri, scope: config.scope,
    state, nonce: random(), code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${discovery.authorization_endpoint}?${query}`);
}

async function tokenRequest(parameters) {
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...parameters }),
  });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(`${body.error}: ${body.error_description}`);
  }
  return body;
}

async function finishSignIn(params) {
  const pending = JSON.parse(sessionStorage.getItem('pkce') || 'null');
  sessionStorage.removeItem('pkce');
  history.replaceState(null, '', location.pathname);
  if (params.get('error')) {
    throw new Error(`${params.get('error')}: ${params.get('error_description') || ''}`);
  }
  if (!pending || params.get('state') !== pending.state) {
    throw new Error('the answer does not belong to a sign-in this page started (state)');
  }
  const body = await tokenRequest({ grant_type: 'authorization_code', code: params.get('code'),
    redirect_uri: config.redirectUri, code_verifier: pending.verifier });
  sessionStorage.setItem('tokens', JSON.stringify(body));
}

async function callApi(path, target) {
  const response = await fetch(`${config.api}${path}`, { headers: { Authorization: `Bearer ${tokens().access_token}` } });
  $(target).textContent = `${response.status}\n${await response.text()}`;
}

async function refresh() {
  const body = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens().refresh_token });
  sessionStorage.setItem('tokens', JSON.stringify({ ...tokens(), ...body }));
  await show('Tokens refreshed.');
}

function signOut() {
  const idToken = tokens().id_token;
  sessionStorage.removeItem('tokens');
  const query = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: config.redirectUri, state: 'signed-out' });
  location.assign(`${discovery.end_session_endpoint}?${query}`);
}

async function show(status) {
  const signedIn = tokens() !== null;
  $('signin').hidden = signedIn;
  $('refresh').hidden = !signedIn;
  $('signout').hidden = !signedIn;
  $('status').textContent = status;
  $('user').textContent = signedIn ? `Signed in as ${claimsOf(tokens().id_token).email}` : '';
  if (signedIn) {
    await callApi('/api/me', 'me');
    await callApi('/api/reports', 'reports');
  } else {
    $('me').textContent = '—';
    $('reports').textContent = '—';
  }
}

$('signin').addEventListener('click', signIn);
$('refresh').addEventListener('click', () => refresh().catch((e) => show(`Refresh failed: ${e.message}`)));
$('signout').addEventListener('click', signOut);

const params = new URLSearchParams(location.search);
try {
  if (params.get('code') || params.get('error')) {
    await finishSignIn(params);
    await show('Signed in.');
  } else if (params.get('state') === 'signed-out') {
    history.replaceState(null, '', location.pathname);
    await show('Signed out.');
  } else {
    await show(tokens() ? 'Signed in.' : 'Not signed in.');
  }
} catch (e) {
  await show(`Sign-in failed: ${e.message}`);
}
