package dev.surge.http;

/**
 * The request methods Surge implements (RFC 9110 §9). A request with any other method,
 * CONNECT included, is answered 501 by the codec before a handler sees it.
 */
public enum Method {
    GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH, TRACE
}
