package dev.surge.http.codec;

/**
 * What the Transfer-Encoding headers of a request say, across all of them (RFC 9112 §6.1).
 * Only a lone, final {@code chunked} is accepted: chunked anywhere but last is a framing
 * error (400), any other coding is not implemented (501).
 */
final class TransferCoding {
    private static final byte[] CHUNKED = Ascii.lower("chunked");

    private boolean present;
    private boolean chunkedSeen;
    private boolean lastIsChunked;
    private String unsupported;

    void reset() {
        present = false;
        chunkedSeen = false;
        lastIsChunked = false;
        unsupported = null;
    }

    void add(ListElements codings) {
        present = true;
        boolean any = false;
        while (codings.next()) {
            any = true;
            if (codings.is(CHUNKED)) {
                if (chunkedSeen) {
                    throw HttpError.badRequest("Transfer-Encoding applies chunked more than once");
                }
                chunkedSeen = true;
                lastIsChunked = true;
            } else {
                lastIsChunked = false;
                if (unsupported == null) {
                    unsupported = codings.element();
                }
            }
        }
        if (!any) {
            throw HttpError.badRequest("empty Transfer-Encoding header");
        }
    }

    boolean present() {
        return present;
    }

    void requireChunkedOnly() {
        if (!lastIsChunked) {
            throw HttpError.badRequest("the final transfer coding must be chunked");
        }
        if (unsupported != null) {
            throw new HttpError(501, "transfer coding '" + unsupported + "' is not implemented; only chunked is");
        }
    }
}
