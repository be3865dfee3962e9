package dev.surge.bench.results;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.ObjectConverter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Results JSON as a plain tree: objects are {@code Map<String, Object>}, arrays {@code List},
 * numbers {@code Number}. The files are small and of several shapes (ours, JMH's), so a tree
 * read once beats a class per shape.
 */
public final class JsonTree {
    private static final DslJson<Object> JSON = new DslJson<>();

    private JsonTree() {
    }

    /** The tree of {@code file}, or a {@link ResultsException} naming the file and what is wrong. */
    public static Object read(Path file) throws ResultsException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ResultsException(file + ": no such file");
        } catch (IOException e) {
            throw new ResultsException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            JsonReader<Object> reader = JSON.newReader(bytes);
            if (reader.getNextToken() == 0) {
                throw new ResultsException(file + ": empty, not JSON");
            }
            return ObjectConverter.deserializeObject(reader);
        } catch (IOException | RuntimeException e) {
            throw new ResultsException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The values of a JSON Lines file, one per line (blank lines skipped); a line that is not
     * JSON is a {@link ResultsException} naming the file and the line.
     */
    public static List<Object> readLines(Path file) throws ResultsException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new ResultsException(file + ": no such file");
        } catch (IOException e) {
            throw new ResultsException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonReader<Object> reader = JSON.newReader(lines.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                reader.getNextToken();
                values.add(ObjectConverter.deserializeObject(reader));
            } catch (IOException | RuntimeException e) {
                throw new ResultsException(file + ":" + (i + 1) + ": not valid JSON (" + e.getMessage() + ")", e);
            }
        }
        return values;
    }

    /** Writes {@code tree} (maps, lists, strings, numbers, booleans, nulls) as JSON. */
    public static void write(Object tree, OutputStream out) throws IOException {
        JsonWriter writer = JSON.newWriter();
        write(tree, writer);
        writer.writeByte((byte) '\n');
        writer.toStream(out);
    }

    private static void write(Object value, JsonWriter w) {
        switch (value) {
            case null -> w.writeNull();
            case String s -> w.writeString(s);
            case Boolean b -> w.writeAscii(b.toString());
            case Double d when d.isNaN() || d.isInfinite() -> w.writeNull();
            case Float f when f.isNaN() || f.isInfinite() -> w.writeNull();
            case Number n -> w.writeAscii(n instanceof Double || n instanceof Float ? Double.toString(n.doubleValue()) : n.toString());
            case Map<?, ?> map -> {
                w.writeByte(JsonWriter.OBJECT_START);
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        w.writeByte(JsonWriter.COMMA);
                    }
                    first = false;
                    w.writeString(String.valueOf(e.getKey()));
                    w.writeByte(JsonWriter.SEMI);
                    write(e.getValue(), w);
                }
                w.writeByte(JsonWriter.OBJECT_END);
            }
            case Iterable<?> list -> {
                w.writeByte(JsonWriter.ARRAY_START);
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        w.writeByte(JsonWriter.COMMA);
                    }
                    first = false;
                    write(item, w);
                }
                w.writeByte(JsonWriter.ARRAY_END);
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    /** {@code object.key} as a number; empty when absent, null, or not a number. */
    public static OptionalDouble number(Map<?, ?> object, String key) {
        return object.get(key) instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** {@code object.key} as text; {@code fallback} when absent or not a string. */
    public static String text(Map<?, ?> object, String key, String fallback) {
        return object.get(key) instanceof String s ? s : fallback;
    }

    /** {@code object.key} as a list; empty when absent or not a list. */
    public static List<?> list(Map<?, ?> object, String key) {
        return object.get(key) instanceof List<?> l ? l : List.of();
    }

    /** {@code object.key} as an object; empty when absent or not an object. */
    public static Map<?, ?> object(Map<?, ?> object, String key) {
        return object.get(key) instanceof Map<?, ?> m ? m : Map.of();
    }
}
