/**
 * The seams between the web layer's packages, not exported: what {@code dev.surge.web},
 * {@code files} and {@code overload} lend each other without making it public
 * ({@link dev.surge.web.internal.ContextAccess}, {@link dev.surge.web.internal.FilesAccess},
 * {@link dev.surge.web.internal.OverloadAccess}, with the interfaces they hand out), and the
 * small pieces they share (percent-decoding, the check of a timeout). It may use the public
 * API of the web layer and of {@code dev.surge.http}; nothing outside surge-http may use it.
 */
package dev.surge.web.internal;
