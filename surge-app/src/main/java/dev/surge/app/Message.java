package dev.surge.app;

import com.dslplatform.json.CompiledJson;

/** The body of {@code GET /json}; its codec is generated at compile time by DSL-JSON. */
@CompiledJson
public record Message(String message) {
}
