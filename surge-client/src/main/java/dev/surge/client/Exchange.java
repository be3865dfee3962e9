package dev.surge.client;

import java.util.concurrent.CompletableFuture;

/** One request on its way: its encoded bytes, whether it was retried, and its caller's future. */
final class Exchange {
    final ClientRequest request;
    final byte[] bytes;
    final CompletableFuture<ClientResponse> result = new CompletableFuture<>();
    boolean retried;

    Exchange(ClientRequest request, byte[] bytes) {
        this.request = request;
        this.bytes = bytes;
    }

    boolean head() {
        return request.method().equals("HEAD");
    }

    void fail(ClientException.Kind kind, String message, Throwable cause) {
        result.completeExceptionally(new ClientException(kind, request.method() + " " + request.uri() + ": " + message, cause));
    }
}
