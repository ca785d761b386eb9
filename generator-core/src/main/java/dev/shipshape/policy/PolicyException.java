package dev.shipshape.policy;

/**
 * A rule set that cannot be used: a rule file that does not parse, lacks a field, or has CEL
 * that does not compile. The message names the rule file and says how to fix it.
 */
public final class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message names the rule file, what is wrong and how to fix it */
    public PolicyException(String message) {
        super(message);
    }

    /** @param message names the rule file, what is wrong and how to fix it */
    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
