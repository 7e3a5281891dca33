package dev.authplatform.common.revocation;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.configuration.lettuce.ClientResourcesMutator;
import io.micronaut.configuration.lettuce.DefaultRedisClientFactory;
import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import io.micronaut.configuration.lettuce.RedisSetting;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The {@code redis.uri} client is a {@link LazySyncRedisClient}, built from the same settings, client resources and
 * mutators (thread pools, metrics) as micronaut-redis's own {@link DefaultRedisClientFactory} builds its client.
 * A Redis Cluster ({@code redis.uris}) keeps micronaut-redis's client.
 */
@Factory
@Requires(beans = DefaultRedisConfiguration.class)
@Requires(missingProperty = RedisSetting.REDIS_URIS)
final class LazySyncRedisClientFactory {

    @Bean(preDestroy = "shutdown")
    @Singleton
    @Primary
    @Replaces(value = RedisClient.class, factory = DefaultRedisClientFactory.class)
    RedisClient redisClient(@Primary AbstractRedisConfiguration config, @Nullable @Primary ClientResources defaultClientResources,
                            @Nullable List<ClientResourcesMutator> mutators) {
        ClientResources.Builder resources = defaultClientResources == null ? ClientResources.builder() : defaultClientResources.mutate();
        if (mutators != null) {
            mutators.forEach(mutator -> mutator.mutate(resources, config));
        }
        return new LazySyncRedisClient(resources.build(), config.getUri().orElse(config));
    }
}
