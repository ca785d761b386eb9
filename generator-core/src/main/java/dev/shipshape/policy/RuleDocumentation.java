package dev.shipshape.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Generates {@code policies/README.md} from the rule files: how rules are written, then a table of
 * every rule (id, severity, title linked to its documentation, checks, sources, remediation).
 * The documentation is never edited by hand; {@code RuleDocumentationTest} fails when it is stale.
 */
public final class RuleDocumentation {

    /** The command that regenerates the file, written at its top. */
    public static final String REGENERATE = "mvn -B -q -pl generator-core test -Dtest=RuleDocumentationTest"
            + " -Dshipshape.policies.regenerate=true";

    private static final String GUIDE = """
            # Policy rules

            One YAML file per rule in [`rules/`](rules/), named `<id>.yaml`; pass and fail fixtures per
            rule in [`fixtures/<id>/`](fixtures/) (`pass-*.yaml` must produce no finding of the rule;
            `fail-*.yaml` names the checks it must trip, one `# expect: <finding message>` line per
            distinct message, and must produce exactly those; object fixtures are Kubernetes objects, several documents for
            `set` rules; spec fixtures are the `application` tree a spec rule sees). Rules are packaged
            into generator-core and run by `PolicyEngine` on the spec and on every rendered object of
            every environment.

            ## Rule file format

            | field | meaning |
            |---|---|
            | `id` | kebab-case, stable; exemptions and plugin configuration name it; the file is `<id>.yaml` |
            | `severity` | `error`, `warning` or `info` (SARIF `error`, `warning`, `note`) |
            | `title`, `rationale`, `remediation` | one line; why the rule exists; how to fix a finding |
            | `documentation` | https URL of the reference for the checked field |
            | `sources` | the checkers in the field that have the rule |
            | `target` | `{objects: [Kind, ...]}` one object at a time (exportable to the API server), `{set: [Kind, ...]}` one object with every object of its environment, or `spec` |
            | `enabledByDefault` | `false` for opt-in rules |
            | `parameters` | values the CEL reads as `variables.params.<name>`; the plugin configuration can replace them |
            | `checks` | one or more `{expression, message, messageExpression?, forEach?, severity?, remediationExpression?, specField?}`; `expression` is CEL returning true when the subject passes; `remediationExpression` is CEL returning the fix for this finding (naming its values), else the rule's `remediation` is shown; `specField` is the spec field that sets what the check reads, dotted and relative to the component's (or a sidecar's) entry, so the finding points at its line |

            ## What the CEL sees

            - `object`: the object (as in a ValidatingAdmissionPolicy); `variables.podSpec`,
              `variables.containers`, `variables.initContainers`, `variables.allContainers`: the pod spec
              and containers of a workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob);
              `variables.params`: the rule's parameters.
            - `forEach: containers | initContainers | allContainers` binds `container` and reports its name;
              `forEach: components` (spec rules) binds `component`.
            - `set` rules also see `objects` (every object of the environment, indexed once per environment),
              `environment` (its name) and the functions `selects(selector, labels)` (a `metav1.LabelSelector`:
              matchLabels AND matchExpressions In/NotIn/Exists/DoesNotExist; `{}` selects everything),
              `serviceSelects(selector, labels)` (a Service selector; empty selects nothing),
              `workloads(objects)`, `podSpec(w)`, `podLabels(w)`, `sameNamespace(a, b)`, `scales(hpa, w)`
              and `replicas(w, objects)` (spec.replicas, else the lowest HPA minReplicas, else 1).
            - Look objects up instead of scanning them (`objects.exists(...)` for every object is quadratic in
              the size of the application): `objects.ofKind(kind)`, `objects.named(kind, namespace, name)`,
              `objects.selecting(object, kind)` (the NetworkPolicies, PodDisruptionBudgets or Services of the
              object's namespace that select its pods; the ServiceMonitors that select a Service),
              `objects.selectedBy(object)` (the workloads a NetworkPolicy, PodDisruptionBudget or Service
              selects; the Services a ServiceMonitor selects),
              `objects.matchingWorkloads(namespace, selector)`, `objects.autoscalers(w)`,
              `objects.scaleTargets(hpa)`, `objects.ingressesRouting(host, path)` and
              `objects.serviceAccountBindings(namespace, name)`. Each returns objects in rendering order and
              costs time proportional to what it finds (`ObjectIndex`, `ObjectRelations`).
            - `spec` rules see `application` (the resolved spec of one environment; each component has `type`).
            - Standard macros, the `strings` and `optional` extensions. Write `a.?b.orValue({}).?c`, never
              `a.?b.?c` (cel-java 0.11 wraps chained optionals twice; the loader rejects it). Anchor
              regular expressions: `matches` finds a substring.

            """;

    /**
     * The documentation of a rule set.
     *
     * @param rules the rules, in any order
     * @return Markdown, {@code \\n} line ends
     */
    public String render(List<Rule> rules) {
        StringBuilder text = new StringBuilder();
        text.append("<!-- Generated from rules/*.yaml by dev.shipshape.policy.RuleDocumentation. DO NOT EDIT.\n")
                .append("     Regenerate: ").append(REGENERATE).append(" -->\n");
        text.append(GUIDE);
        text.append("## Rules (").append(rules.size()).append(")\n\n");
        text.append("| id | severity | title | checks | sources | remediation |\n");
        text.append("|---|---|---|---|---|---|\n");
        for (Rule rule : rules.stream().sorted(Comparator.comparing(Rule::id)).toList()) {
            String severity = rule.severity().label() + (rule.enabledByDefault() ? "" : " (off by default)");
            String checks = rule.checks().stream()
                    .map(c -> (c.severity() != null ? "(" + c.severity().label() + ") " : "") + c.message())
                    .collect(Collectors.joining("<br>"));
            text.append("| `").append(rule.id()).append("` | ").append(severity)
                    .append(" | [").append(cell(rule.title())).append("](").append(rule.documentation()).append(")")
                    .append(" | ").append(cell(checks))
                    .append(" | ").append(cell(String.join(", ", rule.sources())))
                    .append(" | ").append(cell(rule.remediation())).append(" |\n");
        }
        return text.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Writes the documentation of a rule directory.
     *
     * @param args the rule directory (default {@code policies/rules}) and the output file (default {@code policies/README.md})
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path rules = Path.of(args.length > 0 ? args[0] : "policies/rules");
        Path output = Path.of(args.length > 1 ? args[1] : "policies/README.md");
        Files.writeString(output, new RuleDocumentation().render(new RuleLoader().loadDirectory(rules)), StandardCharsets.UTF_8);
    }
}
