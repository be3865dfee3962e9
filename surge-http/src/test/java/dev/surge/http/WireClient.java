package dev.surge.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A raw HTTP/1.1 client for wire tests: writes exact bytes, reads responses one at a time. */
public final class WireClient implements AutoCloseable {
    public record Response(int status, String statusLine, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public WireClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public WireClient send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads one response; the body is read by Content-Length unless {@code bodyless}. */
    public Response read(boolean bodyless) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        String length = headers.get("content-length");
        byte[] body = new byte[bodyless || length == null ? 0 : Integer.parseInt(length)];
        int n = 0;
        while (n < body.length) {
            int r = in.read(body, n, body.length - n);
            if (r < 0) {
                throw new IOException("connection closed inside a body");
            }
            n += r;
        }
        return new Response(status, statusLine, headers, new String(body, StandardCharsets.UTF_8));
    }

    public Response read() throws IOException {
        return read(false);
    }

    /** Reads one response's head and its chunked body; returns the body. */
    public String readChunkedBody() throws IOException {
        Response head = read(true);
        if (!"chunked".equals(head.header("Transfer-Encoding"))) {
            throw new IOException("not chunked: " + head);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(readLine(), 16); size > 0; size = Integer.parseInt(readLine(), 16)) {
            body.write(in.readNBytes(size));
            readLine();
        }
        readLine();
        return body.toString(StandardCharsets.UTF_8);
    }

    /** The socket's input, for reading a large body as a stream after {@code read(true)}. */
    public InputStream input() {
        return in;
    }

    /** Reads until the server closes; returns what came first (empty if nothing). */
    public String readUntilClosed() throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            for (int r; (r = in.read(chunk)) >= 0; ) {
                rest.write(chunk, 0, r);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("server did not close the connection; got: " + rest, e);
        } catch (IOException reset) {
            // A reset after the response is a close too.
        }
        return rest.toString(StandardCharsets.ISO_8859_1);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
