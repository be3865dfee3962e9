package dev.surge.web;

import com.dslplatform.json.ConfigurationException;
import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.ParsingException;
import com.dslplatform.json.runtime.Settings;

import java.io.IOException;

/**
 * The JSON codec of an {@link App}: DSL-JSON, with the codecs its annotation processor
 * generates at compile time for types marked {@code @CompiledJson} (records and classes),
 * and its reflection-based fallback for other types. Reading refuses, with 400 and the
 * place where the JSON went wrong, a body that is invalid, empty, larger than
 * {@link #maxBytes()} or nested deeper than {@link #maxDepth()}.
 */
public final class Json {
    private static final int DEFAULT_MAX_BYTES = 1024 * 1024;
    private static final int DEFAULT_MAX_DEPTH = 256;
    private static final int MAX_MESSAGE_CHARS = 300;

    private final DslJson<Object> dsl;
    private final int maxBytes;
    private final int maxDepth;

    private Json(DslJson<Object> dsl, int maxBytes, int maxDepth) {
        if (maxBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("JSON limits must be positive: maxBytes " + maxBytes + ", maxDepth " + maxDepth);
        }
        this.dsl = dsl;
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    /** Compiled codecs found through the service loader, reflection for the rest; 1 MiB, depth 256. */
    public static Json defaults() {
        return new Json(new DslJson<>(Settings.withRuntime().includeServiceLoader()), DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH);
    }

    /** The same codec with another limit on request bodies read as JSON. */
    public Json withMaxBytes(int bytes) {
        return new Json(dsl, bytes, maxDepth);
    }

    /** The same codec with another limit on nesting of arrays and objects. */
    public Json withMaxDepth(int depth) {
        return new Json(dsl, maxBytes, depth);
    }

    public int maxBytes() {
        return maxBytes;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** {@code value} as JSON bytes, e.g. for a client's request body. */
    public byte[] toBytes(Object value) {
        JsonWriter writer = newWriter();
        write(writer, value);
        return writer.toByteArray();
    }

    /** {@code bytes} read as a {@code type}, e.g. a client's view of a response; no limits apply. */
    public <T> T fromBytes(Class<T> type, byte[] bytes) throws IOException {
        return dsl.deserialize(type, bytes, bytes.length);
    }

    JsonWriter newWriter() {
        return dsl.newWriter(512);
    }

    /** Serializes {@code value} into {@code writer}, which is reset first. */
    void write(JsonWriter writer, Object value) {
        writer.reset();
        if (value == null) {
            writer.writeNull();
            return;
        }
        boolean written;
        try {
            written = dsl.serialize(writer, value.getClass(), value);
        } catch (ConfigurationException e) {
            written = false;
        }
        if (!written) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName()
                    + " as JSON: mark it @CompiledJson (com.dslplatform.json) or use a type DSL-JSON knows");
        }
    }

    /** Reads {@code bytes} as a {@code type}; bad input throws {@link HttpException} 400. */
    <T> T read(Class<T> type, byte[] bytes) {
        if (bytes.length > maxBytes) {
            throw HttpException.badRequest("JSON body of " + bytes.length + " bytes is over the limit of " + maxBytes + " bytes");
        }
        if (isBlank(bytes)) {
            throw HttpException.badRequest("the body is empty; expected JSON");
        }
        checkDepth(bytes);
        T value;
        try {
            value = dsl.deserialize(type, bytes, bytes.length);
        } catch (ParsingException e) {
            throw HttpException.badRequest("invalid JSON: " + shorten(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            throw HttpException.badRequest("invalid JSON for " + type.getSimpleName() + ": " + shorten(String.valueOf(e.getMessage())));
        }
        if (value == null) {
            throw HttpException.badRequest("expected a JSON value for " + type.getSimpleName() + ", got null");
        }
        return value;
    }

    /** Refuses nesting deeper than the limit before the parser, which recurses, meets it. */
    private void checkDepth(byte[] bytes) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                if (++depth > maxDepth) {
                    throw HttpException.badRequest("JSON nested deeper than " + maxDepth + " levels at position " + i);
                }
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
