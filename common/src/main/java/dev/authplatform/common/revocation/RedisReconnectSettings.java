package dev.authplatform.common.revocation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How Lettuce reconnects after losing Redis ({@code auth.redis.*}).
 *
 * @param reconnectMaxDelay the longest wait between two attempts. Lettuce's own default backs off to 30 s, so a
 *                          service could stay on 503 for seconds after a Sentinel promotion or a Redis restart, and
 *                          two services recover seconds apart; a short cap brings every connection back within it
 */
@ConfigurationProperties("auth.redis")
public record RedisReconnectSettings(@Bindable(defaultValue = "500ms") Duration reconnectMaxDelay) {
}
