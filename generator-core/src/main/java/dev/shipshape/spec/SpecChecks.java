package dev.shipshape.spec;

import java.util.ArrayList;
import java.util.Collection;
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
 * The checks of one bound application view that a schema cannot express, collecting every
 * problem with the location of the offending value. The shared checks (TLS, {@code uses}, env
 * references, routes, {@code uses} cycles, derived names) run for every component; a
 * {@link dev.shipshape.kind.ComponentKind} adds its own through the public methods here.
 */
public final class SpecChecks {

    /** A reference to another component's connection detail inside an env value. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern REFERENCE_BODY = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([A-Za-z]+)");

    private final Application application;
    private final SourceMap sourceMap;
    private final List<String> names;
    private final List<SpecProblem> problems = new ArrayList<>();

    SpecChecks(Application application, SourceMap sourceMap) {
        this.application = application;
        this.sourceMap = sourceMap;
        this.names = application.components().stream().map(Component::name).toList();
    }

    /** The JSON pointer of a component's entry, {@code /spec/components/<name>}. */
    public static String pointer(Component component) {
        return JsonPointers.child("/spec/components", component.name());
    }

    /** The application view being checked. */
    public Application application() {
        return application;
    }

    /**
     * Reports a problem at the value a JSON pointer names.
     *
     * @param pointer JSON pointer into the spec (as merged for this view)
     * @param message what is wrong, one or more sentences
     * @param fix     how to fix it
     */
    public void problem(String pointer, String message, String fix) {
        problems.add(new SpecProblem(sourceMap.valueLocation(pointer), message, fix));
    }

    /**
     * The component a reference names; when no component has that name, reports so at
     * {@code pointer} (with the closest name, if one is close, and the names there are) and returns empty.
     *
     * @param name    the name written
     * @param pointer JSON pointer of the reference
     * @param subject the start of the message, for example {@code Job `migrate` runs before `x`}
     */
    public Optional<Component> component(String name, String pointer, String subject) {
        Optional<Component> component = application.component(name);
        if (component.isEmpty()) {
            problem(pointer, subject + ", which is not a component." + DidYouMean.sentence(name, names),
                    "Name one of the components (" + String.join(", ", names) + ") or declare `" + name + "`.");
        }
        return component;
    }

    /** Whether the spec (as merged for this view) has a value at the JSON pointer. */
    public boolean has(String pointer) {
        return sourceMap.contains(pointer);
    }

    /** The problems found so far, in the order found. */
    List<SpecProblem> problems() {
        return problems;
    }

    void tls() {
        if (application.needsManagedIssuer() && application.tls().email() == null) {
            problems.add(new SpecProblem(sourceMap.keyLocation(sourceMap.contains("/spec/tls") ? "/spec/tls" : "/spec"),
                    "Public routes get certificates from " + application.tls().issuer() + ", which needs an ACME account e-mail, but `spec.tls.email` is not set.",
                    "Add `tls: {email: ops@example.com}` under spec, or set `tls.issuer` to an existing ClusterIssuer."));
        }
        Dns01 dns01 = application.tls().dns01();
        if (dns01 != null) {
            for (Dns01.SecretKey ref : dns01.secretKeys()) {
                if (!application.secrets().containsKey(ref.secret())) {
                    undeclaredSecret(ref.secret(), ref.pointer(), "`spec.tls.dns01." + dns01.provider() + "." + ref.field() + "`");
                }
            }
            if (!application.tls().managedIssuer()) {
                problems.add(new SpecProblem(sourceMap.keyLocation("/spec/tls/dns01"),
                        "`spec.tls.dns01` configures the Let's Encrypt issuer shipshape emits, but `spec.tls.issuer` is `" + application.tls().issuer()
                                + "`, an existing ClusterIssuer, which solves its challenges its own way.",
                        "Remove `dns01`, or set `tls.issuer` to `letsencrypt-production` or `letsencrypt-staging`."));
            }
        }
    }

    /** A component may not take a name shipshape derives from another one ({@link Component#derivedNames()}). */
    void derivedNames() {
        Map<String, Component> owners = new HashMap<>();
        application.components().forEach(c -> c.derivedNames().forEach(name -> owners.putIfAbsent(name, c)));
        for (Component component : application.components()) {
            Component owner = owners.get(component.name());
            if (owner != null) {
                problems.add(new SpecProblem(sourceMap.keyLocation(JsonPointers.child("/spec/components", component.name())),
                        "Component `" + component.name() + "` has a name shipshape already gives to objects of component `" + owner.name()
                                + "` (" + String.join(", ", owner.derivedNames()) + "); their objects and pod selectors would collide.",
                        "Rename `" + component.name() + "` (or `" + owner.name() + "`) so that no component is named like another one's derived objects."));
            }
        }
    }

    void uses(Component web, String at) {
        for (int i = 0; i < web.uses().size(); i++) {
            String used = web.uses().get(i);
            Location location = sourceMap.valueLocation(JsonPointers.child(at + "/uses", i));
            if (used.equals(web.name())) {
                problems.add(new SpecProblem(location, "Component `" + web.name() + "` lists itself in `uses`.", "Remove `" + used + "` from its uses."));
            } else if (component(used, JsonPointers.child(at + "/uses", i), "Component `" + web.name() + "` uses `" + used + "`").isEmpty()) {
                continue;
            } else if (application.component(used).flatMap(Component::endpoint).isEmpty()) {
                Component target = application.component(used).orElseThrow();
                problems.add(new SpecProblem(location,
                        "Component `" + web.name() + "` uses `" + used + "`, a " + target.type()
                                + " that offers no connection (it serves no port other components may use).",
                        "Remove `" + used + "` from the uses of `" + web.name() + "`; to hand work to `" + used
                                + "`, use what it consumes (a queue or database) instead."));
            }
        }
    }

    void env(Component web, String at) {
        env(web, web.env(), at + "/env");
    }

    /** Checks env variables of {@code web}'s pods written at {@code at} (the main container's, or an init container's or sidecar's). */
    void env(Component web, List<EnvVar> vars, String at) {
        for (EnvVar var : vars) {
            String pointer = var.group() != null ? var.pointer("") : JsonPointers.child(at, var.name());
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

    private void reference(Component web, EnvVar var, String written, String body, Location location) {
        Matcher parts = REFERENCE_BODY.matcher(body);
        Optional<Component> referenced = parts.matches() ? application.component(parts.group(1)) : Optional.empty();
        Optional<Endpoint> endpoint = referenced.flatMap(Component::endpoint);
        if (!parts.matches() || endpoint.isPresent() && !referenced.get().references().containsKey(parts.group(3))) {
            Collection<String> known = endpoint.isPresent() ? referenced.get().references().keySet() : Set.of("host", "port", "url");
            problems.add(new SpecProblem(location,
                    "`" + written + "` in `" + var.name() + "` is not a reference shipshape understands.",
                    "Write " + String.join(", ", known.stream().map(r -> "`${<component>." + r + "}`").toList()) + "."));
            return;
        }
        String target = parts.group(1);
        if (names.contains(target) && endpoint.isEmpty()) {
            problems.add(new SpecProblem(location,
                    "`" + written + "` in `" + var.name() + "` refers to `" + target + "`, which offers no connection (it has no port other components may use).",
                    "Remove the reference, or refer to a component that serves a port."));
        } else if (!names.contains(target)) {
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
        } else if (secret.keys().isPresent() && !secret.keys().get().contains(reference.key())) {
            problems.add(new SpecProblem(sourceMap.valueLocation(pointer + "/key"),
                    user + " reads key `" + reference.key() + "` of secret `" + reference.secret() + "`, which has only "
                            + String.join(", ", secret.keys().get()) + "."
                            + DidYouMean.sentence(reference.key(), secret.keys().get()),
                    "Use one of its keys, or add `" + reference.key() + "` to " + secret.whereKeysAreDeclared() + "."));
        }
    }

    /**
     * Reports a sops file whose Secret is not the one its spec entry declares: it must be named
     * like the entry, live in the application's namespace and have the entry's {@code type}
     * (shipshape copies the file verbatim, so it cannot rename or move it, and the sops MAC covers
     * the clear-text metadata too).
     */
    void sopsSecrets() {
        for (SecretSource secret : application.secrets().values()) {
            SopsFile file = secret.sops();
            if (file == null) {
                continue;
            }
            String fix = "Change it with `sops edit " + file.path() + "` (which updates the MAC); editing the file directly breaks decryption.";
            if (!secret.name().equals(file.name())) {
                problems.add(new SpecProblem(file.nameLocation(), "The Secret in `" + file.path() + "` is named "
                        + (file.name() == null ? "nothing" : "`" + file.name() + "`") + ", but spec.secrets." + secret.name()
                        + " declares Secret `" + secret.name() + "` (a sops Secret is named like its spec entry).",
                        "Set `metadata.name: " + secret.name() + "`. " + fix));
            }
            if (!application.namespace().equals(file.namespace())) {
                problems.add(new SpecProblem(file.namespaceLocation(), "The Secret in `" + file.path() + "` is in namespace "
                        + (file.namespace() == null ? "none" : "`" + file.namespace() + "`") + ", but the application runs in `"
                        + application.namespace() + "`; Flux applies it as written.",
                        "Set `metadata.namespace: " + application.namespace() + "`. " + fix));
            }
            if (!secret.type().equals(file.type())) {
                problems.add(new SpecProblem(file.typeLocation(), "The Secret in `" + file.path() + "` has type `" + file.type()
                        + "`, but spec.secrets." + secret.name() + " declares type `" + secret.type() + "`.",
                        "Make the two types the same (spec.secrets." + secret.name() + ".type and the file's `type`). " + fix));
            }
        }
    }

    void undeclaredSecret(String name, String pointer, String user) {
        problems.add(new SpecProblem(sourceMap.valueLocation(pointer),
                user + " refers to secret `" + name + "`, which is not declared in `spec.secrets`."
                        + DidYouMean.sentence(name, application.secrets().keySet()),
                "Declare `" + name + "` under spec.secrets (`existing:`, `externalSecret:` or `sops:`), or name a declared secret."));
    }

    /**
     * Reports a Deployment that cannot run its pods one after another although a volume only one
     * node (or pod) can mount needs that: with a ReadWriteOnce claim, two pods of a rolling update
     * or of a second replica on another node would wait for the volume forever.
     *
     * @param component  a web or worker component
     * @param replicas   its fixed replica count
     * @param autoscaled whether an autoscaler sets its replica count
     */
    public void singlePod(Component component, int replicas, boolean autoscaled) {
        PodTemplate pod = component.podTemplate().orElseThrow();
        PodVolume claim = pod.singleWriterClaim().orElse(null);
        if (claim == null) {
            return;
        }
        String at = pointer(component);
        String subject = "`" + component.name() + "` mounts volume `" + claim.name() + "` (" + claim.claim().accessMode()
                + "), which only one node can mount read-write";
        String fix = "Set `accessMode: ReadWriteMany` on `" + claim.name() + "` (a StorageClass that supports it, such as NFS, CephFS, EFS or Filestore),"
                + " or make the component `type: stateful`, which gives each pod its own volume.";
        if (autoscaled) {
            problems.add(new SpecProblem(sourceMap.keyLocation(at + "/autoscaling"), subject + ", but it sets `autoscaling`: a second pod could not start.",
                    "Remove `autoscaling`, or: " + fix));
        } else if (replicas > 1) {
            problems.add(new SpecProblem(sourceMap.valueLocation(at + "/replicas"), subject + ", but it runs " + replicas
                    + " replicas: the second pod could not start on another node.", "Set `replicas: 1`, or: " + fix));
        }
        if (PodTemplate.ROLLING_UPDATE.equals(pod.strategy())) {
            problems.add(new SpecProblem(sourceMap.valueLocation(at + "/strategy"), subject + ", but it sets `strategy: RollingUpdate`: the new pod"
                    + " would wait for the volume while the old one keeps it, and the rollout never finishes.",
                    "Remove `strategy` (such a component rolls with Recreate), or: " + fix));
        }
    }

    void routes(Component component, String at, Map<String, String> routes) {
        for (Route declared : component.routes()) {
            String route = declared.host() + declared.path();
            String first = routes.putIfAbsent(route, component.name());
            if (first != null) {
                problems.add(new SpecProblem(sourceMap.valueLocation(at + declared.pointer() + "/host"),
                        "Components `" + first + "` and `" + component.name() + "` both route `" + route + "`; the ingress controller would pick one at random.",
                        "Give `" + component.name() + "` another host or path."));
            }
        }
    }

    /** Most CPU cores a container may request: beyond it a number is millicores written without {@code m}. */
    static final int MAX_CORES = 256;
    /** Least memory a container may request, bytes (1 MiB): below it a number is a unit left out. */
    static final long MIN_MEMORY_BYTES = 1024L * 1024;

    /**
     * Reports resources the API server rejects or that are almost surely a unit left out: a memory
     * limit below the memory request (Kubernetes refuses the pod), a CPU request or limit above
     * {@value #MAX_CORES} cores ({@code 2000} meant {@code 2000m}), memory below 1 MiB ({@code 512}
     * meant {@code 512Mi}).
     */
    void resources(Component component, String at) {
        Resources resources = component.resources();
        if (resources == null) {
            return;
        }
        String pointer = at + "/resources";
        cores(resources.cpu(), pointer + "/cpu");
        cores(resources.cpuLimit(), pointer + "/cpuLimit");
        java.math.BigDecimal memory = bytes(resources.memory(), pointer + "/memory");
        java.math.BigDecimal limit = bytes(resources.memoryLimit(), pointer + "/memoryLimit");
        if (memory != null && limit != null && limit.compareTo(memory) < 0 && sourceMap.contains(pointer + "/memoryLimit")) {
            problems.add(new SpecProblem(sourceMap.valueLocation(pointer + "/memoryLimit"),
                    "The memory limit `" + resources.memoryLimit() + "` of `" + component.name() + "` is below its memory request `"
                            + resources.memory() + "`; the API server rejects such a pod.",
                    "Set memoryLimit to at least " + resources.memory() + ", or lower memory."));
        }
    }

    private void cores(String quantity, String pointer) {
        if (quantity == null || !sourceMap.contains(pointer)) {
            return;
        }
        java.math.BigDecimal cores = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(new io.fabric8.kubernetes.api.model.Quantity(quantity));
        if (cores.compareTo(java.math.BigDecimal.valueOf(MAX_CORES)) > 0) {
            problems.add(new SpecProblem(sourceMap.valueLocation(pointer),
                    "`" + quantity + "` is " + cores.stripTrailingZeros().toPlainString() + " CPU cores, more than any node has.",
                    "Write millicores with `m` (`" + quantity + "m`), or cores as a small number (`0.5`, `2`)."));
        }
    }

    private java.math.BigDecimal bytes(String quantity, String pointer) {
        if (quantity == null) {
            return null;
        }
        java.math.BigDecimal bytes = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(new io.fabric8.kubernetes.api.model.Quantity(quantity));
        if (bytes.compareTo(java.math.BigDecimal.valueOf(MIN_MEMORY_BYTES)) < 0 && sourceMap.contains(pointer)) {
            problems.add(new SpecProblem(sourceMap.valueLocation(pointer),
                    "`" + quantity + "` is " + bytes.stripTrailingZeros().toPlainString() + " bytes of memory, too little for any process.",
                    "Write the unit: `" + quantity + "Mi` or `" + quantity + "Gi`."));
        }
        return bytes;
    }

    /**
     * Reports a spec secret that is not declared, or that does not provide some keys.
     *
     * @param name    the spec secret's name
     * @param pointer where the name is written
     * @param user    who reads it, a sentence subject (for example {@code Database `db`})
     * @param keys    the keys it must provide
     */
    public void secretWithKeys(String name, String pointer, String user, List<String> keys) {
        SecretSource secret = application.secrets().get(name);
        if (secret == null) {
            undeclaredSecret(name, pointer, user);
        } else if (secret.keys().isPresent() && !secret.keys().get().containsAll(keys)) {
            problems.add(new SpecProblem(sourceMap.valueLocation(pointer),
                    user + " reads " + String.join(" and ", keys.stream().map(k -> "`" + k + "`").toList()) + " from secret `" + name
                            + "`, which does not provide " + (keys.size() == 2 ? "both" : "all of them") + ".",
                    "Add " + String.join(" and ", keys.stream().map(k -> "`" + k + "`").toList()) + " to " + secret.whereKeysAreDeclared() + "."));
        }
    }

    /** Reports a spec secret that is not declared. */
    public void secret(String name, String pointer, String user) {
        if (!application.secrets().containsKey(name)) {
            undeclaredSecret(name, pointer, user);
        }
    }

    /** Reports an invalid five-field cron schedule written at {@code pointer}. */
    public void cron(String schedule, String pointer) {
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
