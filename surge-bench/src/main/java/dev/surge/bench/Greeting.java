package dev.surge.bench;

import com.dslplatform.json.CompiledJson;

/** The JSON body of the codec benchmark's JSON route, with a codec generated at compile time. */
@CompiledJson
public record Greeting(String message) {
}
