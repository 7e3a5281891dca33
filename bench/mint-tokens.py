"""Distinct valid access tokens from the client credentials grant (each is signed anew), written one per line.

    python3 bench/mint-tokens.py AUTH_BASE_URL BASIC_CREDENTIALS COUNT OUT_FILE

BASIC_CREDENTIALS is the client's base64 "id:secret"; the client must be allowed client_credentials.
"""
import http.client
import json
import sys
import threading
import urllib.parse

base, basic, count, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
host = urllib.parse.urlparse(base)
tokens, lock = [], threading.Lock()


def work(n):
    c = http.client.HTTPConnection(host.hostname, host.port)
    for _ in range(n):
        c.request("POST", "/oauth2/token", "grant_type=client_credentials",
                  {"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"})
        body = json.loads(c.getresponse().read())
        with lock:
            tokens.append(body["access_token"])


threads = [threading.Thread(target=work, args=(count // 8 + (1 if i < count % 8 else 0),)) for i in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
open(out, "w").write("\n".join(tokens) + "\n")
