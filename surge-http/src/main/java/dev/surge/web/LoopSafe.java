package dev.surge.web;

/**
 * Marks built-in middleware that never blocks. When all app-wide middleware and filters are
 * such, the router answers 404, 405 and OPTIONS on the event loop instead of handing them to
 * a virtual thread.
 */
interface LoopSafe {
}
