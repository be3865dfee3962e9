/**
 * {@code surge bench html}: a peers or routes results file as a self-contained HTML page with
 * inline SVG charts. It may use {@code dev.surge.bench.results} and {@code report}.
 */
package dev.surge.bench.html;
