package dev.shipshape.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.VariableBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports the rules that can run in the API server, so the cluster enforces what CI checks with
 * the same CEL: every rule with target {@code objects} (which the engine has already verified uses
 * only {@code object}, {@code variables} and portable functions) becomes a
 * {@code ValidatingAdmissionPolicy} and a {@code ValidatingAdmissionPolicyBinding}
 * ({@code admissionregistration.k8s.io/v1}, Kubernetes 1.30+;
 * https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/).
 *
 * <ul>
 *   <li>{@code spec.variables}: {@link StandardVariables#DEFINITIONS}, then {@code params}, the rule's
 *       parameters as a CEL literal</li>
 *   <li>{@code spec.validations}: one per check; a check with {@code forEach} becomes
 *       {@code variables.<collection>.all(container, <expression>)}</li>
 *   <li>the binding applies to the application's namespace only (opt-in per application); error
 *       rules deny, warning and info rules warn and audit</li>
 * </ul>
 */
public final class AdmissionPolicyExport {

    /** API group and resource of the kinds rules target. */
    private static final Map<String, String[]> RESOURCES = Map.ofEntries(
            Map.entry("Pod", new String[] {"", "pods"}),
            Map.entry("Service", new String[] {"", "services"}),
            Map.entry("ConfigMap", new String[] {"", "configmaps"}),
            Map.entry("Deployment", new String[] {"apps", "deployments"}),
            Map.entry("StatefulSet", new String[] {"apps", "statefulsets"}),
            Map.entry("DaemonSet", new String[] {"apps", "daemonsets"}),
            Map.entry("ReplicaSet", new String[] {"apps", "replicasets"}),
            Map.entry("Job", new String[] {"batch", "jobs"}),
            Map.entry("CronJob", new String[] {"batch", "cronjobs"}),
            Map.entry("HorizontalPodAutoscaler", new String[] {"autoscaling", "horizontalpodautoscalers"}),
            Map.entry("PodDisruptionBudget", new String[] {"policy", "poddisruptionbudgets"}),
            Map.entry("Ingress", new String[] {"networking.k8s.io", "ingresses"}),
            Map.entry("NetworkPolicy", new String[] {"networking.k8s.io", "networkpolicies"}));

    private final List<Rule> rules;

    /** @param rules the effective rules (for example {@link PolicyEngine#rules()}) */
    public AdmissionPolicyExport(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules that are exported: target {@code objects}, with at least one kind the API server serves here. */
    public List<Rule> exportable() {
        return rules.stream()
                .filter(r -> r.target().scope() == Target.Scope.OBJECTS)
                .filter(r -> r.target().kinds().stream().anyMatch(RESOURCES::containsKey))
                .sorted(java.util.Comparator.comparing(Rule::id))
                .toList();
    }

    /**
     * The policy and binding of every exportable rule, for one application.
     *
     * @param application the application's name (names the objects: {@code shipshape-<application>-<rule id>})
     * @param namespace   the namespace the bindings apply to
     * @return for each rule, its ValidatingAdmissionPolicy then its binding, sorted by rule id
     */
    public List<HasMetadata> objects(String application, String namespace) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Rule rule : exportable()) {
            String name = "shipshape-" + application + "-" + rule.id();
            Map<String, String> labels = new TreeMap<>(Map.of(
                    "app.kubernetes.io/part-of", application,
                    "app.kubernetes.io/managed-by", "shipshape",
                    "policy.shipshape.dev/rule", rule.id()));
            objects.add(new ValidatingAdmissionPolicyBuilder()
                    .withNewMetadata().withName(name).withLabels(labels)
                    .addToAnnotations("policy.shipshape.dev/documentation", rule.documentation()).endMetadata()
                    .withNewSpec()
                    .withFailurePolicy("Fail")
                    .withNewMatchConstraints().withResourceRules(resourceRules(rule)).endMatchConstraints()
                    .withVariables(variables(rule))
                    .withValidations(validations(rule))
                    .endSpec()
                    .build());
            objects.add(new ValidatingAdmissionPolicyBindingBuilder()
                    .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                    .withNewSpec()
                    .withPolicyName(name)
                    .withValidationActions(rule.severity() == Severity.ERROR ? List.of("Deny") : List.of("Warn", "Audit"))
                    .withNewMatchResources().withNewNamespaceSelector()
                    .addToMatchLabels("kubernetes.io/metadata.name", namespace).endNamespaceSelector().endMatchResources()
                    .endSpec()
                    .build());
        }
        return objects;
    }

    private static List<NamedRuleWithOperations> resourceRules(Rule rule) {
        Map<String, List<String>> byGroup = new TreeMap<>();
        rule.target().kinds().stream().filter(RESOURCES::containsKey).sorted().forEach(kind ->
                byGroup.computeIfAbsent(RESOURCES.get(kind)[0], g -> new ArrayList<>()).add(RESOURCES.get(kind)[1]));
        return byGroup.entrySet().stream().map(group -> new NamedRuleWithOperationsBuilder()
                .withApiGroups(group.getKey()).withApiVersions("*").withResources(group.getValue())
                .withOperations("CREATE", "UPDATE").build()).toList();
    }

    private static List<Variable> variables(Rule rule) {
        List<Variable> variables = new ArrayList<>();
        StandardVariables.DEFINITIONS.forEach((name, cel) ->
                variables.add(new VariableBuilder().withName(name).withExpression(cel).build()));
        variables.add(new VariableBuilder().withName("params").withExpression(CelLiteral.of(rule.parameters())).build());
        return variables;
    }

    private static List<Validation> validations(Rule rule) {
        List<Validation> validations = new ArrayList<>();
        for (Check check : rule.checks()) {
            ValidationBuilder validation = new ValidationBuilder()
                    .withExpression(expression(check))
                    .withMessage(rule.id() + ": " + check.message() + " " + rule.remediation());
            if (check.forEach() == null && check.messageExpression() != null) {
                validation.withMessageExpression("'" + rule.id() + ": ' + (" + check.messageExpression() + ")");
            }
            validations.add(validation.build());
        }
        return validations;
    }

    /** The check's CEL as the API server evaluates it (iterating containers itself). */
    static String expression(Check check) {
        return check.forEach() == null ? check.expression()
                : "variables." + check.forEach() + ".all(container, " + check.expression() + ")";
    }
}
