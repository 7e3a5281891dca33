package dev.authplatform.auth.throttle;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How many requests that cost work an address or a client may send ({@code auth.limits.*}), each per
 * {@code window}, counted by each instance in memory (so N instances allow up to N times as many) and refilled
 * evenly. Past a limit: 429 with Retry-After, in the endpoint family's format. Failed sign-ins and client
 * authentications have their own, stricter throttles ({@code auth.throttle.*}); emails theirs.
 *
 * @param registrationsPerAddress {@code POST /auth/register}: each costs a password hash
 * @param signInsPerAddress       sign-ins and second steps (JSON API and hosted page), password resets and email
 *                                verifications by link, the authorization endpoint: each a hash or a page
 * @param tokenRequestsPerAddress the token, introspection and revocation endpoints and {@code /auth/refresh}
 * @param tokenRequestsPerClient  the token endpoint, per authenticated client: one runaway client cannot take it all
 * @param trackedKeys             how many addresses and clients are counted at once (memory stays bounded; the least
 *                                recently seen are forgotten first)
 */
@ConfigurationProperties("auth.limits")
public record AbuseLimitSettings(@Bindable(defaultValue = "true") boolean enabled,
                                 @Bindable(defaultValue = "1m") Duration window,
                                 @Bindable(defaultValue = "20") int registrationsPerAddress,
                                 @Bindable(defaultValue = "120") int signInsPerAddress,
                                 @Bindable(defaultValue = "1200") int tokenRequestsPerAddress,
                                 @Bindable(defaultValue = "3000") int tokenRequestsPerClient,
                                 @Bindable(defaultValue = "100000") int trackedKeys) {
}
