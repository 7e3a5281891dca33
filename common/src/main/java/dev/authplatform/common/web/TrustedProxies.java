package dev.authplatform.common.web;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether an address is one of the proxies we believe: {@code auth.proxies.trusted}, and the older
 * {@code auth.request-id.trusted-proxies}, which still counts.
 */
@Singleton
public final class TrustedProxies {

    private final List<IpSubnetFilterRule> rules;

    TrustedProxies(ProxySettings proxies, RequestIdSettings requestIds) {
        this.rules = Stream.concat(proxies.trusted().stream(), requestIds.trustedProxies().stream())
                .filter(entry -> !entry.isBlank()).map(TrustedProxies::rule).toList();
    }

    public boolean trusts(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        return rules.stream().anyMatch(rule -> rule.matches(socket));
    }

    public boolean trusts(InetSocketAddress peer) {
        return !rules.isEmpty() && peer != null && !peer.isUnresolved() && trusts(peer.getAddress());
    }

    private static IpSubnetFilterRule rule(String entry) {
        String trimmed = entry.trim();
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            return new IpSubnetFilterRule(trimmed, trimmed.contains(":") ? 128 : 32, IpFilterRuleType.ACCEPT);
        }
        return new IpSubnetFilterRule(trimmed.substring(0, slash), Integer.parseInt(trimmed.substring(slash + 1)), IpFilterRuleType.ACCEPT);
    }
}
