package dev.shipshape.policy;

/**
 * One CEL validation of a rule, shaped like a Kubernetes ValidatingAdmissionPolicy
 * {@code validations} entry: {@code expression} is true when the subject passes.
 *
 * @param expression        CEL returning {@code bool}; true means the check passes
 * @param message           the finding's message, plain text (also the documentation of the check)
 * @param messageExpression CEL returning {@code string} for a message naming values, or {@code null}
 * @param forEach           {@code null}, or the collection the check iterates, binding one element at a time:
 *                          {@code containers} / {@code initContainers} / {@code allContainers} (variable
 *                          {@code container}) for object rules, {@code components} (variable
 *                          {@code component}) for spec rules
 * @param severity          a severity overriding the rule's for this check, or {@code null}
 * @param remediationExpression CEL returning {@code string}: how to fix this finding, naming its values
 *                          ({@code the image ghcr.io/acme/api:1.2.3@sha256:<digest>}); {@code null} for the rule's
 *                          fixed {@code remediation}
 * @param specField         the spec field that sets what the check reads, dotted and relative to the
 *                          container's or component's spec entry ({@code image}, {@code resources.memory}),
 *                          so the finding points at that line; {@code null} for the component's key
 */
public record Check(String expression, String message, String messageExpression, String forEach, Severity severity,
                    String remediationExpression, String specField) {

    /** A check with the rule's fixed remediation, reported at the component's key. */
    public Check(String expression, String message, String messageExpression, String forEach, Severity severity) {
        this(expression, message, messageExpression, forEach, severity, null, null);
    }

    /** This check with another severity ({@code null}: the rule's). */
    Check withSeverity(Severity newSeverity) {
        return new Check(expression, message, messageExpression, forEach, newSeverity, remediationExpression, specField);
    }
}
