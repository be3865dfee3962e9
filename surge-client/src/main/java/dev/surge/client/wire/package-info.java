/**
 * The client's wire layer, public only for {@code surge-load}: request encoding, the response
 * parser and reader, the event loops, failure kinds. Not a stable API; services use
 * {@link dev.surge.client.HttpClient}.
 */
package dev.surge.client.wire;
