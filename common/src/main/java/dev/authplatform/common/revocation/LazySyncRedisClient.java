package dev.authplatform.common.revocation;

import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.json.JsonParser;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.pubsub.PubSubEndpoint;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnectionImpl;
import io.lettuce.core.pubsub.api.sync.RedisPubSubCommands;
import io.lettuce.core.resource.ClientResources;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Lettuce's {@link RedisClient}, except that its connections build their synchronous API only when it is asked for.
 * Lettuce builds it in every connection's constructor: a dynamic proxy over some 700 commands, whose class the first
 * connection generates. That took 80-100 ms of CPU for a commands connection and 40 ms for a publish/subscribe one,
 * on the threads a service's start waits for (the revocation view's), and a JDK 25 class-data archive cannot hold
 * such classes. The platform sends its commands through the asynchronous API ({@link RedisLink#await}), so none is
 * generated; {@code sync()} still works for whoever calls it.
 */
public class LazySyncRedisClient extends RedisClient {

    public LazySyncRedisClient(ClientResources resources, RedisURI uri) {
        super(resources, uri);
    }

    @Override
    protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter channelWriter,
            PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout) {
        return new Connection<>(channelWriter, pushHandler, codec, timeout, getOptions().getJsonParser());
    }

    @Override
    protected <K, V> StatefulRedisPubSubConnectionImpl<K, V> newStatefulRedisPubSubConnection(PubSubEndpoint<K, V> endpoint,
            RedisChannelWriter channelWriter, RedisCodec<K, V> codec, Duration timeout) {
        return new PubSubConnection<>(endpoint, channelWriter, codec, timeout);
    }

    private static final class Connection<K, V> extends StatefulRedisConnectionImpl<K, V> {

        private final BuiltOnce<RedisCommands<K, V>> syncApi = new BuiltOnce<>(super::newRedisSyncCommandsImpl);

        Connection(RedisChannelWriter writer, PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout,
                   Supplier<JsonParser> parser) {
            super(writer, pushHandler, codec, timeout, parser);
        }

        @Override
        protected RedisCommands<K, V> newRedisSyncCommandsImpl() {
            return null; // called by the constructor: built by sync() instead, if anything asks
        }

        @Override
        public RedisCommands<K, V> sync() {
            return syncApi.get();
        }
    }

    private static final class PubSubConnection<K, V> extends StatefulRedisPubSubConnectionImpl<K, V> {

        private final BuiltOnce<RedisPubSubCommands<K, V>> syncApi = new BuiltOnce<>(super::newRedisSyncCommandsImpl);

        PubSubConnection(PubSubEndpoint<K, V> endpoint, RedisChannelWriter writer, RedisCodec<K, V> codec, Duration timeout) {
            super(endpoint, writer, codec, timeout);
        }

        @Override
        protected RedisPubSubCommands<K, V> newRedisSyncCommandsImpl() {
            return null; // called by the constructor: built by sync() instead, if anything asks
        }

        @Override
        public RedisPubSubCommands<K, V> sync() {
            return syncApi.get();
        }
    }

    /** A value built by its supplier when first asked for, once, whichever threads ask. */
    private static final class BuiltOnce<T> {

        private final Supplier<T> build;
        private volatile T value;

        BuiltOnce(Supplier<T> build) {
            this.build = build;
        }

        T get() {
            T built = value;
            if (built == null) {
                synchronized (this) {
                    if (value == null) {
                        value = build.get();
                    }
                    built = value;
                }
            }
            return built;
        }
    }
}
