#!/usr/bin/env bash
# Makes a development certificate authority and one server certificate signed by it, as PEM files, for running the
# platform over HTTPS on a developer machine or in tests. Never for production: the CA's key sits beside it, unencrypted.
#
#   tls/dev-ca.sh [directory] [host ...]
#
# directory: where the files go (default tls/dev, which git ignores); hosts: the names and addresses the server
# certificate is valid for (default: localhost 127.0.0.1 auth-service resource-service). It writes
#   ca.pem          the CA certificate: what clients trust (auth.tls.trusted-certificates, curl --cacert)
#   ca-key.pem      the CA's private key
#   server.pem      the server certificate (MICRONAUT_SERVER_SSL_KEY_STORE_CERTIFICATE_PATH)
#   server-key.pem  its private key, PKCS#8 (MICRONAUT_SERVER_SSL_KEY_STORE_KEY_PATH)
set -euo pipefail
command -v openssl >/dev/null || { echo "dev-ca.sh: openssl is needed (apt-get install openssl)" >&2; exit 1; }

dir=${1:-"$(dirname "$0")/dev"}
shift || true
hosts=("$@")
[ ${#hosts[@]} -gt 0 ] || hosts=(localhost 127.0.0.1 auth-service resource-service)

mkdir -p "$dir"
cd "$dir"
umask 077

san=""
for host in "${hosts[@]}"; do
  if [[ $host =~ ^[0-9.]+$ || $host == *:* ]]; then san+="IP:$host,"; else san+="DNS:$host,"; fi
done
san=${san%,}

openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 \
  -subj "/CN=authplatform development CA" -keyout ca-key.pem -out ca.pem \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=${hosts[0]}" \
  -keyout server-key.pem -out server.csr 2>/dev/null
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 825 -out server.pem \
  -extfile <(printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' "$san") 2>/dev/null
rm -f server.csr ca.srl
chmod 644 ca.pem server.pem

echo "development CA and server certificate for: ${hosts[*]}"
echo "  trust:  $PWD/ca.pem"
echo "  serve:  $PWD/server.pem with $PWD/server-key.pem"
