/**
 * Overload protection. Exported: {@link dev.surge.web.overload.ConcurrencyLimit} (fixed, or
 * adaptive by gradient), {@link dev.surge.web.overload.MemoryGuard} (shedding while heap or
 * direct memory is short) and the {@link dev.surge.web.overload.Deadline} a handler sees.
 * Package-private: the admission of each request on the event loop, the response its deadline
 * answers when the handler is late, and the watchdog thread that watches deadlines and memory.
 * It may use the public API of {@code dev.surge.web} and {@code dev.surge.http}, and
 * {@code dev.surge.web.internal}; it lends the web layer its admission through
 * {@link dev.surge.web.internal.OverloadAccess}.
 */
package dev.surge.web.overload;
