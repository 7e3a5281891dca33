// The example service: answers like resource-service (GET /api/public/info, GET /api/me), verifying every token itself
// and refusing revoked ones at once. Settings from the environment:
//   AUTH_ISSUER, AUTH_REVOCATION_FEED_CLIENT_ID, AUTH_REVOCATION_FEED_CLIENT_SECRET, PORT (default 8083),
//   AUTH_REVOCATION_FEED_URI (optional); AUTH_REVOCATION_CHECK=false only to measure what the check costs

import express from 'express';
import { createVerifier } from '../src/index.js';

const verifier = await createVerifier({
  issuer: process.env.AUTH_ISSUER ?? 'http://localhost:8080',
  feed: {
    clientId: process.env.AUTH_REVOCATION_FEED_CLIENT_ID,
    clientSecret: process.env.AUTH_REVOCATION_FEED_CLIENT_SECRET,
    uri: process.env.AUTH_REVOCATION_FEED_URI || undefined,
  },
  revocationCheck: process.env.AUTH_REVOCATION_CHECK !== 'false',
  log: (message) => console.log(message),
});

const app = express();
app.disable('x-powered-by');

app.get('/api/public/info', (req, res) => res.json({ service: 'node-example', version: '0.1.0' }));

app.get('/api/me', verifier.required(), (req, res) => {
  const { subject, email, roles, sessionId, expiresAt, clientId, scopes } = req.auth;
  res.json({ subject, email, roles, sessionId, expiresAt, clientId, scopes });
});

app.get('/health', (req, res) => {
  const reason = verifier.revocations.unavailableReason();
  res.status(reason ? 503 : 200).json({ status: reason ? 'DOWN' : 'UP' });
});

const port = Number(process.env.PORT ?? 8083);
const server = app.listen(port, '127.0.0.1', () => console.log(`node example listening on ${port}`));
// stop taking requests, let those in flight finish (at most 5 s), then exit
const stop = () => {
  verifier.close();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
