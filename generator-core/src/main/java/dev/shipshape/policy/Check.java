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
 */
public record Check(String expression, String message, String messageExpression, String forEach, Severity severity) {
}
