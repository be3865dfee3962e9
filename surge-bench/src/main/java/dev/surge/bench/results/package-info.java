/**
 * Reading results files, whichever tool wrote them (a {@code surge bench} run or JMH's JSON),
 * into figures and their repeated measurements. It depends on no other package of surge-bench.
 */
package dev.surge.bench.results;
