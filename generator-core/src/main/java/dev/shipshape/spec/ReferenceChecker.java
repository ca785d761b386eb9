package dev.shipshape.spec;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.kind.RunbookFacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks what a schema cannot: that names refer to things declared elsewhere in the spec
 * ({@code uses}, {@code ${component.property}} references, secrets, environments, exemptions),
 * that declared egress states its addresses or a reason,
 * that {@code uses} has no cycle, that routes are unique, and the value ranges of cron schedules
 * and autoscaling bounds. Each problem points at the offending value.
 */
final class ReferenceChecker {

    private final ComponentKinds kinds;

    /** @param kinds the kinds whose own checks run after the shared ones */
    ReferenceChecker(ComponentKinds kinds) {
        this.kinds = kinds;
    }

    /**
     * Checks one resolved view of the application (the default view or one environment).
     *
     * @param application the bound application
     * @param sourceMap   positions in the tree it was bound from
     * @return the problems found, in component order
     */
    List<SpecProblem> check(Application application, SourceMap sourceMap) {
        SpecChecks check = new SpecChecks(application, sourceMap);
        check.tls();
        GatewayChecks.check(check);
        check.sopsSecrets();
        Map<String, String> routes = new HashMap<>();
        for (Component component : application.components()) {
            String at = SpecChecks.pointer(component);
            check.uses(component, at);
            check.env(component, at);
            check.routes(component, at, routes);
            check.resources(component, at);
            component.podTemplate().ifPresent(pod -> PodChecks.check(component, pod, check));
            EgressChecks.check(component, check);
            kinds.check(component, check);
        }
        check.cycles();
        check.derivedNames();
        return check.problems();
    }

    /**
     * The problems of a cluster's overrides: a cluster with overrides runs a view named after it,
     * whose overlay and values file sit beside the environments' ({@code overlays/<cluster>/}), so
     * its name may not be an environment's; and a sops file cannot change per cluster, because the
     * cluster's overlay is layered on its environment's, which already applies the environment's
     * encrypted Secret, and an encrypted Secret cannot be patched.
     */
    private static List<SpecProblem> clusterView(ApplicationSpec spec, Cluster cluster, String at, SourceMap sourceMap) {
        String overrides = at + "/overrides";
        if (!sourceMap.contains(overrides)) {
            return List.of();
        }
        List<SpecProblem> problems = new ArrayList<>();
        if (spec.environments().containsKey(cluster.name())) {
            problems.add(new SpecProblem(sourceMap.valueLocation(at + "/name"),
                    "Cluster `" + cluster.name() + "` has `overrides`, so it runs a view of its own named after it, but `" + cluster.name()
                            + "` is also an environment: both would be written to overlays/" + cluster.name() + "/ and values-" + cluster.name() + ".yaml.",
                    "Rename the cluster, or the environment."));
        }
        Application view = spec.clusterViews().get(cluster.name());
        Application environment = spec.environments().get(cluster.environment());
        if (view != null && environment != null) {
            view.secrets().forEach((name, secret) -> {
                SecretSource inherited = environment.secrets().get(name);
                if (secret.sops() != null && (inherited == null || !secret.sops().path().equals(inherited.sops() == null ? null : inherited.sops().path()))) {
                    problems.add(new SpecProblem(sourceMap.keyLocation(JsonPointers.child(overrides + "/secrets", name)),
                            "Cluster `" + cluster.name() + "` reads secret `" + name + "` from a sops file of its own, but its overlay is layered on environment `"
                                    + cluster.environment() + "`'s, and an encrypted Secret can be neither patched nor applied twice.",
                            "Read the secret from the environment's sops file on every cluster of `" + cluster.environment()
                                    + "`, give the cluster an environment of its own, or give it an `externalSecret` or `existing` source here."));
                }
            });
        }
        return problems;
    }

    /**
     * Two clusters whose in-cluster databases back up to one destination: each runs a database of
     * its own (the clusters of one environment share its view, and so its backup prefix
     * {@code <destination>/<environment>}), so each backup run would prune the other's dumps by age,
     * and a restore or the drill would load the latest dump, which may be the other region's.
     */
    private List<SpecProblem> sharedBackupDestinations(ApplicationSpec spec, SourceMap sourceMap) {
        List<SpecProblem> problems = new ArrayList<>();
        Map<String, Cluster> first = new HashMap<>();
        for (int i = 0; i < spec.clusters().size(); i++) {
            Cluster cluster = spec.clusters().get(i);
            Application view = spec.views().get(spec.viewOf(cluster));
            if (view == null) {
                continue;
            }
            // the components sharing a destination, by the cluster that backs up there first
            Map<String, List<String>> shared = new TreeMap<>();
            for (Component component : view.components()) {
                RunbookFacts.DataStore store = kinds.runbook(component).dataStore();
                if (store == null || store.external() || store.backup() == null) {
                    continue;
                }
                Cluster other = first.putIfAbsent(store.backup().destination(), cluster);
                if (other != null && !other.name().equals(cluster.name())) {
                    shared.computeIfAbsent(other.name(), c -> new ArrayList<>()).add(component.name());
                }
            }
            Location name = sourceMap.valueLocation(JsonPointers.child("/spec/clusters", i) + "/name");
            shared.forEach((other, components) -> problems.add(new SpecProblem(name,
                    "Clusters `" + other + "` and `" + cluster.name() + "` each run " + quoted(components)
                            + " in the cluster and back " + (components.size() == 1 ? "it" : "them") + " up to the same destination"
                            + (components.size() == 1 ? "" : "s") + ": each backup run would prune the other's dumps,"
                            + " and a restore could load the other cluster's data.",
                    "Give this cluster destinations of its own: `overrides: {components: {" + components.get(0)
                            + ": {backup: {destination: ...}}}}` under its entry in spec.clusters (or run the database on one cluster only).")));
        }
        return problems;
    }

    /**
     * The DNS provider of the external-dns a cluster's platform layer installs for {@code spec.dns}:
     * the chart's {@code provider.name} (or the older {@code provider} string) must be set, since
     * the chart falls back to aws, which on any other cloud runs and creates nothing.
     */
    private static List<SpecProblem> externalDnsProvider(ApplicationSpec spec, SourceMap sourceMap) {
        String key = "external-dns";
        List<String> missing = new ArrayList<>();
        for (Cluster cluster : spec.clusters()) {
            Application view = spec.views().get(spec.viewOf(cluster));
            if (view == null || view.dns() == null || view.components().stream().allMatch(c -> c.routes().isEmpty())) {
                continue;
            }
            PlatformSetting general = spec.platform().get(key);
            PlatformSetting own = cluster.platform().get(key);
            boolean provided = (general != null && general.provided() != null) || (own != null && own.provided() != null);
            if (!provided && !namesProvider(own) && !namesProvider(general)) {
                missing.add(cluster.name());
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        String at = sourceMap.contains("/spec/platform/" + key) ? "/spec/platform/" + key : sourceMap.contains("/spec/dns") ? "/spec/dns" : "/spec/clusters";
        return List.of(new SpecProblem(sourceMap.keyLocation(at),
                "The platform layer of " + String.join(", ", missing.stream().map(c -> "`" + c + "`").toList())
                        + " installs external-dns for the DNS records of `spec.dns`, but no DNS provider is set, so the chart would manage records in AWS Route 53.",
                "Set the provider and its credentials: `platform: {external-dns: {values: {provider: {name: google}}}}` (aws, google, azure, cloudflare, ...; "
                        + "per cluster under spec.clusters[].platform), or mark external-dns `provided` when the cluster runs one."));
    }

    /** {@code component `a`} or {@code components `a`, `b`}. */
    private static String quoted(List<String> components) {
        return (components.size() == 1 ? "component " : "components ") + String.join(", ", components.stream().map(c -> "`" + c + "`").toList());
    }

    private static boolean namesProvider(PlatformSetting setting) {
        if (setting == null) {
            return false;
        }
        Object provider = setting.values().get("provider");
        return provider instanceof String || (provider instanceof Map<?, ?> map && map.get("name") instanceof String);
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
            Application environment = spec.views().get(spec.viewOf(cluster));
            problems.addAll(clusterView(spec, cluster, at, sourceMap));
            if (cluster.method() == Cluster.Method.HELM && environment != null) {
                List<String> sops = environment.secrets().values().stream().filter(secret -> secret.sops() != null).map(SecretSource::name).toList();
                if (!sops.isEmpty()) {
                    problems.add(new SpecProblem(sourceMap.valueLocation(at + "/method"),
                            "Cluster `" + cluster.name() + "` installs the chart with a HelmRelease, but "
                                    + (spec.clusterViews().containsKey(cluster.name()) ? "it" : "environment `" + cluster.environment() + "`")
                                    + " reads sops-encrypted secret" + (sops.size() == 1 ? " " : "s ") + String.join(", ", sops.stream().map(n -> "`" + n + "`").toList())
                                    + ": a HelmRelease cannot decrypt, and a chart cannot hold a Secret encrypted for Flux.",
                            "Deliver this cluster with `method: kustomize` (its Flux Kustomization decrypts), or give the environment an `existing` or `externalSecret` source for "
                                    + (sops.size() == 1 ? "it" : "them") + "."));
                }
            }
            if (!clusterNames.add(cluster.name())) {
                problems.add(new SpecProblem(sourceMap.valueLocation(at + "/name"),
                        "Cluster `" + cluster.name() + "` is declared twice; cluster names name output folders and must be unique.",
                        "Rename or remove one of the two clusters."));
            }
        }
        problems.addAll(sharedBackupDestinations(spec, sourceMap));
        problems.addAll(externalDnsProvider(spec, sourceMap));
        List<PlatformSetting> platform = new ArrayList<>(spec.platform().values());
        spec.clusters().forEach(cluster -> platform.addAll(cluster.platform().values()));
        for (PlatformSetting setting : platform) {
            if (setting.provided() != null && (setting.version() != null || !setting.values().isEmpty())) {
                problems.add(new SpecProblem(setting.location(),
                        "`" + setting.field() + "` is provided, so nothing is installed for it and its `version` and `values` would have no effect.",
                        "Remove `provided` to install " + setting.component() + " with that version and values, or remove `version` and `values`."));
            }
        }
        if (!spec.clusters().isEmpty() && spec.name().equals("infrastructure")) {
            problems.add(new SpecProblem(spec.defaults().location(),
                    "Application `infrastructure` would write clusters/<cluster>/infrastructure.yaml, the file of the clusters' platform layer.",
                    "Rename the application."));
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
}
