/**
 * The values every command and configuration of Surge takes, in one grammar each:
 * {@link dev.surge.config.Durations} and {@link dev.surge.config.Sizes}, with their picocli
 * converters. Exported. It may use the JDK and picocli; every other Surge module that reads
 * settings uses it, and it depends on none of them.
 */
package dev.surge.config;
