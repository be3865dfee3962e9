/**
 * Surge's HTTP/1.1 server as a library: {@link dev.surge.http.Server} with its
 * {@link dev.surge.http.ServerOptions}, {@link dev.surge.http.ConnectionLimits} and
 * {@link dev.surge.http.RequestLimits}, the handler seam ({@link dev.surge.http.RequestHandler},
 * {@link dev.surge.http.Request}, {@link dev.surge.http.Response},
 * {@link dev.surge.http.AsyncResponse}) and what a server reports of itself
 * ({@link dev.surge.http.ServerHealth}, {@link dev.surge.http.Traffic}). Exported. It may use the
 * JDK and its own internal packages (codec, routing, transport); no Netty type appears in its
 * signatures. Most services program against {@code dev.surge.web} instead.
 */
package dev.surge.http;
