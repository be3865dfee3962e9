/**
 * Static files: {@link dev.surge.web.files.FileOptions} is the part users see (exported);
 * behind it, package-private, the handler that serves a directory (paths kept inside it, types
 * by extension, validators and conditional requests, byte ranges, precompressed siblings,
 * directory listings, a cache of open descriptors) and the sending of one file with sendfile.
 * It may use the public API of {@code dev.surge.web} and {@code dev.surge.http}, and
 * {@code dev.surge.web.internal}; it lends the web layer its handler through
 * {@link dev.surge.web.internal.FilesAccess}.
 */
package dev.surge.web.files;
