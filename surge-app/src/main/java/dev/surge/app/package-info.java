/**
 * The {@code surge} command line and the reference service ({@link dev.surge.app.Main},
 * {@link dev.surge.app.ReferenceService}): flags turned into server options, the routes of the
 * reference service, the admin listener, the SIGTERM drain. An application, not a library: it
 * may use the public API of every other module, and nothing depends on it; its module exports
 * nothing.
 */
package dev.surge.app;
