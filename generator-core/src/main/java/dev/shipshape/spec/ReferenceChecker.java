package dev.shipshape.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what a schema cannot: that names refer to things declared elsewhere in the spec
 * ({@code uses}, {@code ${component.property}} references, secrets, environments, exemptions),
 * that {@code uses} has no cycle, that routes are unique, and the value ranges of cron schedules
 * and autoscaling bounds. Each problem points at the offending value.
 */
final class ReferenceChecker {

    /** A reference to another component's connection detail inside an env value. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern REFERENCE_BODY = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.(host|port|url)");

    /**
     * Checks one resolved view of the application (the default view or one environment).
     *
     * @param application the bound application
     * @param sourceMap   positions in the tree it was bound from
     * @return the problems found, in component order
     */
    List<SpecProblem> check(Application application, SourceMap sourceMap) {
        Check check = new Check(application, sourceMap);
        check.tls();
        Map<String, String> routes = new HashMap<>();
        for (Component component : application.components()) {
            String at = JsonPointers.child("/spec/components", component.name());
            if (component instanceof WebComponent web) {
                check.uses(web, at);
                check.env(web, at);
                check.route(web, at, routes);
                check.autoscaling(web, at);
            } else if (component instanceof PostgresComponent postgres) {
                check.postgres(postgres, at);
            }
        }
        check.cycles();
        return check.problems;
    }

    /**
     * Checks the parts of a spec that do not vary by environment: clusters and exemptions.
     *
     * @param spec      the bound spec
     * @param sourceMap positions in the spec as written
     */
    List<SpecProblem> checkSpec(ApplicationSpec spec, SourceMap sourceMap) {
        List<SpecProblem> problems = new ArrayList<>();
        Set<String> clusterNames = new HashSet<>();
        for (int i = 0; i < spec.clusters().size(); i++) {
            Cluster cluster = spec.clusters().get(i);
            String at = JsonPointers.child("/spec/clusters", i);
            if (!spec.environments().containsKey(cluster.environment())) {
                problems.add(new SpecProblem(sourceMap.valueLocation(at + "/environment"),
                        "Cluster `" + cluster.name() + "` runs environment `" + cluster.environment() + "`, which is not declared in `spec.environments`."
                                + DidYouMean.sentence(cluster.environment(), spec.environments().keySet()),
                        "Declare `" + cluster.environment() + ":` under spec.environments (`{}` for no overrides), or name a declared environment."));
            }
            if (!clusterNames.add(cluster.name())) {
                problems.add(new SpecProblem(sourceMap.valueLocation(at + "/name"),
                        "Cluster `" + cluster.name() + "` is declared twice; cluster names name output folders and must be unique.",
                        "Rename or remove one of the two clusters."));
            }
        }
        if (!spec.clusters().isEmpty() && spec.delivery() == null) {
            problems.add(new SpecProblem(sourceMap.keyLocation("/spec/clusters"),
                    "Clusters are declared but `spec.delivery` is missing, so Flux would not know which repository to read.",
                    "Add `delivery: {repository: https://...}` under spec."));
        }
        List<String> components = spec.defaults().components().stream().map(Component::name).toList();
        for (int i = 0; i < spec.exemptions().size(); i++) {
            Exemption exemption = spec.exemptions().get(i);
            if (!components.contains(exemption.component())) {
                problems.add(new SpecProblem(sourceMap.valueLocation(JsonPointers.child("/spec/exemptions", i) + "/component"),
                        "The exemption from `" + exemption.rule() + "` names component `" + exemption.component() + "`, which is not declared."
                                + DidYouMean.sentence(exemption.component(), components),
                        "Name one of the components: " + String.join(", ", components) + "."));
            }
        }
        return problems;
    }

    /** The checks of one application view, collecting problems. */
    private static final class Check {
        private final Application application;
        private final SourceMap sourceMap;
        private final List<String> names;
        private final List<SpecProblem> problems = new ArrayList<>();

        Check(Application application, SourceMap sourceMap) {
            this.application = application;
            this.sourceMap = sourceMap;
            this.names = application.components().stream().map(Component::name).toList();
        }

        void tls() {
            boolean routes = application.components().stream().anyMatch(c -> c instanceof WebComponent w && w.route() != null);
            if (routes && application.tls().issuer().startsWith("letsencrypt-") && application.tls().email() == null) {
                problems.add(new SpecProblem(sourceMap.keyLocation(sourceMap.contains("/spec/tls") ? "/spec/tls" : "/spec"),
                        "Public routes get certificates from " + application.tls().issuer() + ", which needs an ACME account e-mail, but `spec.tls.email` is not set.",
                        "Add `tls: {email: ops@example.com}` under spec, or set `tls.issuer` to an existing ClusterIssuer."));
            }
        }

        void uses(WebComponent web, String at) {
            for (int i = 0; i < web.uses().size(); i++) {
                String used = web.uses().get(i);
                Location location = sourceMap.valueLocation(JsonPointers.child(at + "/uses", i));
                if (used.equals(web.name())) {
                    problems.add(new SpecProblem(location, "Component `" + web.name() + "` lists itself in `uses`.", "Remove `" + used + "` from its uses."));
                } else if (!names.contains(used)) {
                    problems.add(new SpecProblem(location,
                            "Component `" + web.name() + "` uses `" + used + "`, which is not a component." + DidYouMean.sentence(used, names),
                            "Name one of the components (" + String.join(", ", names) + ") or declare `" + used + "`."));
                }
            }
        }

        void env(WebComponent web, String at) {
            for (EnvVar var : web.env()) {
                String pointer = JsonPointers.child(at + "/env", var.name());
                if (var.secret() != null) {
                    secretKey(var.secret(), pointer, "Environment variable `" + var.name() + "` of `" + web.name() + "`");
                    continue;
                }
                Matcher matcher = REFERENCE.matcher(var.value());
                while (matcher.find()) {
                    reference(web, var, matcher.group(), matcher.group(1), sourceMap.valueLocation(pointer));
                }
            }
        }

        private void reference(WebComponent web, EnvVar var, String written, String body, Location location) {
            Matcher parts = REFERENCE_BODY.matcher(body);
            if (!parts.matches()) {
                problems.add(new SpecProblem(location,
                        "`" + written + "` in `" + var.name() + "` is not a reference shipshape understands.",
                        "Write `${<component>.host}`, `${<component>.port}` or `${<component>.url}`."));
                return;
            }
            String target = parts.group(1);
            if (!names.contains(target)) {
                problems.add(new SpecProblem(location,
                        "`" + written + "` in `" + var.name() + "` names component `" + target + "`, which is not declared." + DidYouMean.sentence(target, names),
                        "Name one of the components: " + String.join(", ", names) + "."));
            } else if (!target.equals(web.name()) && !web.uses().contains(target)) {
                problems.add(new SpecProblem(location,
                        "`" + written + "` in `" + var.name() + "` refers to `" + target + "`, but `" + web.name() + "` does not list `" + target
                                + "` in `uses`, so its NetworkPolicy would block the connection.",
                        "Add `" + target + "` to `spec.components." + web.name() + ".uses`."));
            }
        }

        private void secretKey(SecretKeyReference reference, String pointer, String user) {
            SecretSource secret = application.secrets().get(reference.secret());
            if (secret == null) {
                undeclaredSecret(reference.secret(), pointer + "/secret", user);
            } else if (secret.externalSecret() != null && !secret.externalSecret().data().containsKey(reference.key())) {
                problems.add(new SpecProblem(sourceMap.valueLocation(pointer + "/key"),
                        user + " reads key `" + reference.key() + "` of secret `" + reference.secret() + "`, which has only "
                                + String.join(", ", secret.externalSecret().data().keySet()) + "."
                                + DidYouMean.sentence(reference.key(), secret.externalSecret().data().keySet()),
                        "Use one of its keys, or add `" + reference.key() + "` to spec.secrets." + reference.secret() + ".externalSecret.data."));
            }
        }

        private void undeclaredSecret(String name, String pointer, String user) {
            problems.add(new SpecProblem(sourceMap.valueLocation(pointer),
                    user + " refers to secret `" + name + "`, which is not declared in `spec.secrets`."
                            + DidYouMean.sentence(name, application.secrets().keySet()),
                    "Declare `" + name + "` under spec.secrets (`existing:` or `externalSecret:`), or name a declared secret."));
        }

        void route(WebComponent web, String at, Map<String, String> routes) {
            if (web.route() == null) {
                return;
            }
            String route = web.route().host() + web.route().path();
            String first = routes.putIfAbsent(route, web.name());
            if (first != null) {
                problems.add(new SpecProblem(sourceMap.valueLocation(at + "/route/host"),
                        "Components `" + first + "` and `" + web.name() + "` both route `" + route + "`; the ingress controller would pick one at random.",
                        "Give `" + web.name() + "` another host or path."));
            }
        }

        void autoscaling(WebComponent web, String at) {
            Autoscaling scaling = web.autoscaling();
            if (scaling != null && scaling.maxReplicas() < scaling.minReplicas()) {
                problems.add(new SpecProblem(sourceMap.valueLocation(at + "/autoscaling/maxReplicas"),
                        "`maxReplicas` of `" + web.name() + "` is " + scaling.maxReplicas() + ", below `minReplicas` " + scaling.minReplicas() + ".",
                        "Set maxReplicas to at least " + scaling.minReplicas() + ", or lower minReplicas."));
            }
        }

        void postgres(PostgresComponent postgres, String at) {
            String user = "Database `" + postgres.name() + "`";
            SecretSource credentials = application.secrets().get(postgres.credentials());
            if (credentials == null) {
                undeclaredSecret(postgres.credentials(), at + "/credentials", user);
            } else if (credentials.externalSecret() != null
                    && !credentials.externalSecret().data().keySet().containsAll(List.of("username", "password"))) {
                problems.add(new SpecProblem(sourceMap.valueLocation(at + "/credentials"),
                        user + " reads `username` and `password` from secret `" + postgres.credentials() + "`, which does not provide both.",
                        "Add `username` and `password` to spec.secrets." + postgres.credentials() + ".externalSecret.data."));
            }
            Backup backup = postgres.backup();
            if (backup == null) {
                return;
            }
            if (backup.credentials() != null && !application.secrets().containsKey(backup.credentials())) {
                undeclaredSecret(backup.credentials(), at + "/backup/credentials", "The backup of `" + postgres.name() + "`");
            }
            cron(backup.schedule(), at + "/backup/schedule");
            cron(backup.drillSchedule(), at + "/backup/drillSchedule");
        }

        private void cron(String schedule, String pointer) {
            Optional<String> problem = CronSchedule.problem(schedule);
            problem.ifPresent(reason -> problems.add(new SpecProblem(sourceMap.valueLocation(pointer),
                    "The cron schedule `" + schedule + "` is invalid: " + reason + ".",
                    "Write five fields: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12) day-of-week (0-7), for example `15 2 * * *`.")));
        }

        /** Reports each cycle of {@code uses} once, at the entry that leaves its alphabetically first component. */
        void cycles() {
            Map<String, List<String>> graph = new HashMap<>();
            for (Component component : application.components()) {
                graph.put(component.name(), component.uses().stream()
                        .filter(used -> names.contains(used) && !used.equals(component.name())).toList());
            }
            Set<List<String>> reported = new HashSet<>();
            for (String start : names) {
                findCycles(start, graph, new LinkedHashSet<>(List.of(start)), reported);
            }
        }

        private void findCycles(String node, Map<String, List<String>> graph, LinkedHashSet<String> path, Set<List<String>> reported) {
            for (String next : graph.get(node)) {
                if (path.contains(next)) {
                    List<String> walked = new ArrayList<>(path);
                    List<String> cycle = walked.subList(walked.indexOf(next), walked.size());
                    int first = cycle.indexOf(cycle.stream().min(String::compareTo).orElseThrow());
                    List<String> canonical = new ArrayList<>(cycle.subList(first, cycle.size()));
                    canonical.addAll(cycle.subList(0, first));
                    if (reported.add(canonical)) {
                        String from = canonical.get(0);
                        String to = canonical.get(1 % canonical.size());
                        int index = application.component(from).orElseThrow().uses().indexOf(to);
                        String shown = String.join(" → ", canonical) + " → " + from;
                        problems.add(new SpecProblem(sourceMap.valueLocation(JsonPointers.child(JsonPointers.child("/spec/components", from) + "/uses", index)),
                                "`uses` forms a cycle: " + shown + ".",
                                "Remove one `uses` entry of the cycle; connections run one way, from the user to the used component."));
                    }
                } else {
                    path.add(next);
                    findCycles(next, graph, path, reported);
                    path.remove(next);
                }
            }
        }
    }
}
