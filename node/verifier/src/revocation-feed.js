// The revocation feed's consumer, as docs/revocation-feed.md states it: a snapshot, then a stream resumed from the
// last number heard; vouches only while a stream is open and its probe came within the staleness bound.

import { createParser } from 'eventsource-parser';

/** What one revocation covers; merged by the later times, never withdrawn. */
export class RevokedEntries {
  #sessions = new Map();
  #tokens = new Map();
  #users = new Map();
  #clients = new Map();
  #keys = new Map();
  #whenKeyRevoked = () => {};

  /**
   * Called with the `kid` of each signing key heard revoked for the first time: the issuer has a new current key by
   * then, and a verifier refetches its JWKS to learn it before its first token arrives.
   */
  whenKeyRevoked(listener) {
    this.#whenKeyRevoked = listener;
  }

  add(entry) {
    switch (entry.kind) {
      case 'session': return merge(this.#sessions, entry.id, { until: entry.until });
      case 'token': return merge(this.#tokens, entry.id, { until: entry.until });
      case 'user': return merge(this.#users, entry.id, { notBefore: entry.notBefore, until: entry.until });
      case 'client': return merge(this.#clients, entry.id, { notBefore: entry.notBefore, until: entry.until });
      case 'key': {
        const first = !this.#keys.has(entry.id);
        merge(this.#keys, entry.id, { until: entry.until });
        if (first) this.#whenKeyRevoked(entry.id);
        return undefined;
      }
      default: return undefined; // a kind this version does not know
    }
  }

  /**
   * Whether a token with these claims is revoked: its session, itself, its user's or client's tokens before a time, or
   * everything its signing key (`kid`) signed.
   */
  isRevoked({ jti, kid, sid, sub, clientId, iat }) {
    if ((sid && this.#sessions.has(sid)) || this.#tokens.has(jti) || (kid && this.#keys.has(kid))) {
      return true;
    }
    const user = this.#users.get(sub);
    if (user && iat < user.notBefore) {
      return true;
    }
    const client = clientId ? this.#clients.get(clientId) : undefined;
    return Boolean(client && iat < client.notBefore);
  }

  purgeBefore(epochSecond) {
    for (const map of [this.#sessions, this.#tokens, this.#users, this.#clients, this.#keys]) {
      for (const [id, entry] of map) {
        if (entry.until < epochSecond) {
          map.delete(id);
        }
      }
    }
  }
}

function merge(map, id, entry) {
  const held = map.get(id);
  map.set(id, held ? {
    notBefore: Math.max(held.notBefore ?? 0, entry.notBefore ?? 0),
    until: Math.max(held.until, entry.until),
  } : entry);
}

/**
 * Follows auth-service's revocation feed.
 *
 * @param {object} options
 * @param {string} options.snapshotUri  GET /revocation/snapshot
 * @param {string} options.eventsUri    GET /revocation/events
 * @param {() => Promise<string>} options.accessToken  a client-credentials token with the revocation:read scope
 * @param {() => void} options.forgetToken  called on a 401, so the next call fetches a new one
 * @param {number} [options.stalenessBoundMs=2000]
 * @param {number} [options.reconnectDelayMs=100]  doubled after each failure, up to 500 ms
 * @param {(message: string) => void} [options.log]
 */
export class FeedRevocationView {
  #options;
  #entries = new RevokedEntries();
  #loaded = false;
  #streaming = false;
  #probeSinceConnected = false;
  #lastProbe = -Infinity;
  #lastData = 0;
  #generation;
  #heard = 0;
  #closed = false;
  #abort;
  #why = 'not loaded yet';
  #timer;
  #reloads = 0;

  constructor(options) {
    this.#options = { stalenessBoundMs: 2000, reconnectDelayMs: 100, log: () => {}, ...options };
    this.#timer = setInterval(() => this.#watch(), 500);
    this.#timer.unref();
    this.#follow();
  }

  /** See {@link RevokedEntries#isRevoked}. */
  isRevoked(claims) {
    return this.#entries.isRevoked(claims);
  }

  /** See {@link RevokedEntries#whenKeyRevoked}. */
  whenKeyRevoked(listener) {
    this.#entries.whenKeyRevoked(listener);
  }

  /** Undefined while the view vouches for being current; otherwise why not (protected requests then get 503). */
  unavailableReason() {
    if (!this.#loaded) return `the revocation feed is not loaded (${this.#why})`;
    if (!this.#streaming) return `the revocation feed is not connected (${this.#why})`;
    if (!this.#probeSinceConnected) return 'the revocation feed has not been confirmed since it connected';
    if (performance.now() - this.#lastProbe > this.#options.stalenessBoundMs) {
      return `the revocation feed has not been confirmed within ${this.#options.stalenessBoundMs} ms`;
    }
    return undefined;
  }

  /** How many snapshots have been loaded. */
  get reloads() {
    return this.#reloads;
  }

  close() {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#abort?.abort();
  }

  async #follow() {
    let delay = this.#options.reconnectDelayMs;
    while (!this.#closed) {
      try {
        if (!this.#loaded) {
          await this.#loadSnapshot();
        }
        if (await this.#stream()) {
          delay = this.#options.reconnectDelayMs;
        }
      } catch (error) {
        this.#why = error?.message ?? String(error);
      } finally {
        this.#streaming = false;
      }
      if (this.#closed) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 500);
    }
  }

  async #get(uri, headers) {
    this.#abort = new AbortController();
    const response = await fetch(uri, {
      headers: { authorization: `Bearer ${await this.#options.accessToken()}`, ...headers },
      signal: this.#abort.signal,
      redirect: 'error',
    });
    if (response.status === 401) this.#options.forgetToken();
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`the feed answered HTTP ${response.status} for ${new URL(uri).pathname}`);
    }
    return response;
  }

  async #loadSnapshot() {
    const snapshot = await (await this.#get(this.#options.snapshotUri, { accept: 'application/json' })).json();
    for (const entry of snapshot.entries ?? []) this.#entries.add(entry);
    this.#generation = snapshot.generation;
    this.#heard = snapshot.seq;
    this.#loaded = true;
    this.#reloads++;
  }

  /** Follows one stream until it ends; answers whether it was confirmed at least once. */
  async #stream() {
    const response = await this.#get(this.#options.eventsUri, {
      accept: 'text/event-stream', 'last-event-id': `${this.#generation}:${this.#heard}`,
    });
    this.#probeSinceConnected = false;
    this.#streaming = true;
    this.#lastData = performance.now();
    let confirmed = false;
    let stop = false;
    const parser = createParser({
      onEvent: (event) => {
        if (stop) return;
        const data = JSON.parse(event.data);
        if (event.event === 'revoked') {
          this.#entries.add(data); // whatever its number: an entry only ever refuses more
          if (data.seq > this.#heard + 1) {
            stop = this.#startAgain(`announcements ${this.#heard + 1} to ${data.seq - 1} were not heard`);
          } else {
            this.#heard = Math.max(this.#heard, data.seq);
          }
        } else if (event.event === 'probe') {
          if (data.generation !== this.#generation || data.seq > this.#heard) {
            stop = this.#startAgain(`a probe counted announcements not heard (${data.generation}:${data.seq})`);
          } else {
            this.#lastProbe = performance.now();
            this.#probeSinceConnected = true;
            confirmed = true;
          }
        } else if (event.event === 'reset') {
          stop = this.#startAgain(`the feed said: ${data.reason}`);
        }
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
      this.#lastData = performance.now();
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (stop) {
        this.#abort.abort();
        return confirmed;
      }
    }
    this.#why = 'the stream ended';
    return confirmed;
  }

  #startAgain(why) {
    this.#why = why;
    this.#streaming = false;
    this.#loaded = false;
    this.#options.log(`revocation feed: loading a new snapshot: ${why}`);
    return true;
  }

  /** Closes a stream gone silent for twice the bound (a dead peer may never close it); forgets expired entries. */
  #watch() {
    this.#entries.purgeBefore(Math.floor(Date.now() / 1000));
    const heardFrom = Math.max(this.#lastProbe, this.#lastData);
    if (this.#streaming && performance.now() - heardFrom > 2 * this.#options.stalenessBoundMs) {
      this.#why = 'the stream went silent';
      this.#streaming = false;
      this.#abort?.abort();
    }
  }
}
