/**
 * The values every command and configuration of Surge takes, in one grammar each: durations and
 * sizes ({@link dev.surge.config.Durations}, {@link dev.surge.config.Sizes}), with the picocli
 * converters that give every command's flags that grammar.
 */
module surge.config {
    requires transitive info.picocli;

    exports dev.surge.config;
}
