/**
 * The reference service and the {@code surge} command line; its entry point is
 * {@code dev.surge.app.Main}. It exports nothing.
 */
@SuppressWarnings("requires-automatic") // DSL-JSON has no module name of its own (see docs/modules.md).
module surge.app {
    requires surge.http;
    requires surge.observe;
    requires surge.config;
    requires info.picocli;
    requires dsl.json;
    requires jdk.unsupported;

    // picocli reads and sets the options' fields and builds the converters by reflection.
    opens dev.surge.app to info.picocli;

    // The codec DSL-JSON generates for Message, found through the service loader.
    provides com.dslplatform.json.Configuration with dev.surge.app._Message_DslJsonConverter;
}
