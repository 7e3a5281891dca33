package dev.authplatform.common.connection;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/1.1 connection whose request does not arrive in full within {@link ConnectionSettings#requestReadTimeout}
 * (a "slowloris" client trickling its headers or body). The clock starts when the connection opens, and again at the
 * first byte of each further request; it stops when the codec has read the request's last part. Time spent answering
 * is not counted. Everything runs on the connection's event loop: one timer per connection, no locks.
 */
@Singleton
@Requires(classes = NettyServerCustomizer.class)
final class SlowRequestGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final long timeoutNanos;

    SlowRequestGuard(ConnectionSettings settings) {
        this.timeoutNanos = settings.requestReadTimeout().toNanos();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {

        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null || pipeline.get(Clock.NAME) != null) {
                return; // HTTP/2 streams and anything else without the HTTP/1.1 codec: not guarded here
            }
            Clock clock = new Clock(timeoutNanos);
            pipeline.addFirst(Clock.NAME, clock);
            pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, "request-read-complete", new RequestRead(clock));
            clock.start(pipeline.firstContext());
        }
    }

    /** Sees the raw bytes: starts the clock at a request's first byte, closes the connection when it runs out. */
    private static final class Clock extends ChannelDuplexHandler {

        static final String NAME = "request-read-timeout";

        private final long timeoutNanos;
        private ScheduledFuture<?> deadline;
        private boolean reading;

        Clock(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        void start(ChannelHandlerContext context) {
            reading = true;
            deadline = context.executor().schedule(() -> {
                if (reading) {
                    context.channel().close();
                }
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }

        void requestRead() {
            reading = false;
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (!reading && message instanceof ByteBuf bytes && bytes.isReadable()) {
                start(context);
            }
            context.fireChannelRead(message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            requestRead();
            context.fireChannelInactive();
        }
    }

    /** Sees the decoded request: stops the clock once its last part has been read. */
    private static final class RequestRead extends ChannelInboundHandlerAdapter {

        private final Clock clock;

        RequestRead(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof LastHttpContent) {
                clock.requestRead();
            }
            context.fireChannelRead(message);
        }
    }
}
