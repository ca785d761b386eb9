package dev.shipshape.output;

/**
 * The output directory cannot be written as asked: a file shipshape does not own is in the way,
 * another run holds the lock, or the directory is one shipshape refuses to manage. The message
 * names the path and says what to do; it is meant to be printed without a stack trace.
 */
public final class OutputException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public OutputException(String message) {
        super(message);
    }
}
