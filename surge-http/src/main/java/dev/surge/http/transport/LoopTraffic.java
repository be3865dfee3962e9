package dev.surge.http.transport;

import dev.surge.http.Traffic;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * One event loop's count of its connections and their bytes: a handler shared by the
 * connections of that loop alone, in front of each {@link HttpConnection}, so that every
 * byte read and every buffer or file written passes it. Only the loop's thread writes the
 * counts, so they are plain fields, written with opaque stores (a plain store on x86) and
 * read the same way by whoever asks for {@link Traffic}: no atomic operation, no lock, no
 * shared cache line on the I/O path.
 */
@ChannelHandler.Sharable
final class LoopTraffic extends ChannelDuplexHandler {
    private static final VarHandle OPENED;
    private static final VarHandle CLOSED;
    private static final VarHandle RECEIVED;
    private static final VarHandle SENT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OPENED = lookup.findVarHandle(LoopTraffic.class, "opened", long.class);
            CLOSED = lookup.findVarHandle(LoopTraffic.class, "closed", long.class);
            RECEIVED = lookup.findVarHandle(LoopTraffic.class, "received", long.class);
            SENT = lookup.findVarHandle(LoopTraffic.class, "sent", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventExecutor loop;
    private long opened;
    private long closed;
    private long received;
    private long sent;

    LoopTraffic(EventExecutor loop) {
        this.loop = loop;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        OPENED.setOpaque(this, opened + 1);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        CLOSED.setOpaque(this, closed + 1);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            RECEIVED.setOpaque(this, received + buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        long bytes = msg instanceof ByteBuf buf ? buf.readableBytes()
                : msg instanceof FileRegion file ? file.count() - file.transferred()
                : msg instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
        SENT.setOpaque(this, sent + bytes);
        ctx.write(msg, promise);
    }

    /** The sums over {@code loops}, in their order, with each loop's task backlog now. */
    static Traffic sum(List<LoopTraffic> loops) {
        long opened = 0;
        long closed = 0;
        long received = 0;
        long sent = 0;
        int[] pending = new int[loops.size()];
        for (int i = 0; i < loops.size(); i++) {
            LoopTraffic t = loops.get(i);
            // Closed before opened: a connection that comes and goes between the two reads
            // then counts as open for this look, never as a negative number.
            closed += (long) CLOSED.getOpaque(t);
            opened += (long) OPENED.getOpaque(t);
            received += (long) RECEIVED.getOpaque(t);
            sent += (long) SENT.getOpaque(t);
            pending[i] = t.loop instanceof SingleThreadEventExecutor single ? single.pendingTasks() : 0;
        }
        return new Traffic(opened - closed, opened, received, sent, pending);
    }
}
