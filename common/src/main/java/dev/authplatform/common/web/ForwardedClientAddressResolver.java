package dev.authplatform.common.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.DefaultHttpClientAddressResolver;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a request really came from, for throttling, the audit trail and logs. The TCP peer, unless it is a
 * trusted proxy ({@link TrustedProxies}): then the hops its {@code Forwarded} (RFC 7239) or, failing that,
 * {@code X-Forwarded-For} header lists are read from the right, each proxy vouching for the one before it, and the
 * first hop that is not a trusted proxy is the client. A hop that is not an IP address (RFC 7239's {@code unknown} or
 * an obfuscated name) ends the walk at the proxy that reported it. Micronaut's own resolver believes the leftmost
 * entry from anyone, which would let any client choose the address its guesses are counted against.
 */
@Singleton
@Replaces(DefaultHttpClientAddressResolver.class)
public final class ForwardedClientAddressResolver implements HttpClientAddressResolver {

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final TrustedProxies proxies;

    ForwardedClientAddressResolver(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    @SuppressWarnings("rawtypes") // the interface's signature
    public String resolve(HttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        InetAddress client = peer.getAddress();
        if (client == null) {
            return peer.getHostString();
        }
        if (!proxies.trusts(peer)) {
            return client.getHostAddress();
        }
        List<String> hops = hops(request);
        for (int i = hops.size() - 1; i >= 0 && proxies.trusts(client); i--) {
            InetAddress hop = address(hops.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
        }
        return client.getHostAddress();
    }

    /** The hops, client first, from every Forwarded header's for= parameters, else every X-Forwarded-For list. */
    private static List<String> hops(HttpRequest<?> request) {
        List<String> hops = new ArrayList<>();
        List<String> forwarded = request.getHeaders().getAll(HttpHeaders.FORWARDED);
        if (!forwarded.isEmpty()) {
            for (String header : forwarded) {
                for (String element : header.split(",")) {
                    hops.add(forParameter(element));
                }
            }
            return hops;
        }
        for (String header : request.getHeaders().getAll(X_FORWARDED_FOR)) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }

    /** An element's {@code for=} value, unquoted ("" when it has none, which then ends the walk). */
    private static String forParameter(String element) {
        for (String pair : element.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase("for")) {
                String value = pair.substring(equals + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return "";
    }

    /** An IP literal, with an optional port ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}); null otherwise. */
    private static InetAddress address(String hop) {
        String host = hop;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close > 0 ? host.substring(1, close) : "";
        } else if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            host = host.substring(0, host.indexOf(':'));
        }
        return NetUtil.createInetAddressFromIpAddressString(host); // a literal only: never a DNS lookup
    }
}
