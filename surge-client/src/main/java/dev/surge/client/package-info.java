/**
 * A pooled HTTP/1.1 client on Netty's event loops, for services' outbound calls:
 * {@link dev.surge.client.HttpClient}, {@link dev.surge.client.ClientRequest},
 * {@link dev.surge.client.ClientResponse}, and failures as {@link dev.surge.client.ClientException}
 * of a kind. No Netty type appears here.
 */
package dev.surge.client;
