package dev.surge.testing;

import com.dslplatform.json.CompiledJson;

/** A JSON body of the test routes; its codec is generated at compile time by DSL-JSON. */
@CompiledJson
public record User(int id, String name) {
}
