package dev.surge.http.codec;

import io.netty.buffer.ByteBuf;

/** Where encoded responses go: the connection's buffer for the current read batch. */
public interface ResponseSink {

    /** The buffer this batch's responses are appended to. */
    ByteBuf batch();

    /** Called after each response is appended, so a large batch can be written out early. */
    void appended();
}
