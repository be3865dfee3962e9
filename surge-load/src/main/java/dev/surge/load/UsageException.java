package dev.surge.load;

/** Input the user must fix; its message is the one line printed, and the exit code is 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
