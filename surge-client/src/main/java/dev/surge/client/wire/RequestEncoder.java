package dev.surge.client.wire;

import dev.surge.client.ClientRequest;
import dev.surge.client.Header;
import dev.surge.client.Target;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes a request once into the bytes sent on the wire, so a sender can repeat them. */
public final class RequestEncoder {
    private RequestEncoder() {
    }

    /** The request line, Host, the request's headers, Content-Length where needed, and the body. */
    public static byte[] encode(ClientRequest request) {
        Target target = Target.of(request.uri());
        StringBuilder head = new StringBuilder(128)
                .append(request.method()).append(' ').append(target.pathAndQuery()).append(" HTTP/1.1\r\n");
        if (request.headers().stream().noneMatch(h -> h.is("Host"))) {
            head.append("Host: ").append(target.hostHeader()).append("\r\n");
        }
        for (Header h : request.headers()) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        byte[] body = request.body();
        if (body.length > 0 || needsLength(request.method())) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static boolean needsLength(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
}
