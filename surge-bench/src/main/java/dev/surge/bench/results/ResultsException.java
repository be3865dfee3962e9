package dev.surge.bench.results;

/** A results file that cannot be read or is not of a known shape; the message says which and why. */
public final class ResultsException extends Exception {
    public ResultsException(String message) {
        super(message);
    }

    public ResultsException(String message, Throwable cause) {
        super(message, cause);
    }
}
