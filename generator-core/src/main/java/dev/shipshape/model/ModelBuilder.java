package dev.shipshape.model;

import dev.shipshape.Parallel;
import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.model.patch.ObjectPatches;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.SecretSource;
import dev.shipshape.spec.SpecProblem;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the Kubernetes objects of an application, for its default view and each environment.
 * The PrometheusRule and the ServiceMonitors are emitted only with {@code spec.monitoring} (their
 * CRDs come with the platform's Prometheus Operator). The objects of the whole application come from shared builders ({@link Labels}, {@link PodSecurity},
 * {@link NetworkPolicies}, {@link TlsObjects}, {@link AlertRules}, {@link ExternalSecrets}); each
 * component's own objects from its {@linkplain dev.shipshape.kind.ComponentKind kind}, and its routes
 * ({@link PublicRoutes}) and ServiceMonitor ({@link ServiceMonitors}) from what it states; a
 * component's {@code patches} then change those objects ({@link ObjectPatches}) before anything
 * reads them. This class only walks the spec and collects the objects.
 * The result is deterministic: the same spec gives equal objects in the same order.
 */
public final class ModelBuilder {

    /**
     * Objects a front end adds to every view of an application that asks for them (the exported
     * admission policies of {@code spec.admissionPolicies: true}), built with the model so no object
     * joins it afterwards.
     */
    @FunctionalInterface
    public interface ApplicationObjects {

        /**
         * @param application the application's name
         * @param namespace   its namespace
         * @return the objects, each with a key no other object of the view has
         */
        List<? extends HasMetadata> of(String application, String namespace);
    }

    private final ComponentKinds kinds;
    private final ApplicationObjects admissionPolicies;
    private final ObjectPatches patches = new ObjectPatches();

    /** A builder for the {@linkplain ComponentKinds#standard() standard kinds}, with no admission policies. */
    public ModelBuilder() {
        this(ComponentKinds.standard());
    }

    /** @param kinds the kinds the specs' components are of */
    public ModelBuilder(ComponentKinds kinds) {
        this(kinds, (application, namespace) -> List.of());
    }

    /**
     * @param kinds             the kinds the specs' components are of
     * @param admissionPolicies the admission policies of a spec with {@code spec.admissionPolicies: true}
     */
    public ModelBuilder(ComponentKinds kinds, ApplicationObjects admissionPolicies) {
        this.kinds = kinds;
        this.admissionPolicies = admissionPolicies;
    }

    /**
     * Builds the views at once on up to one thread per available processor; the result does not
     * depend on how they were scheduled.
     *
     * @param spec a validated spec
     * @return the model every renderer reads; object lists sorted by {@link ObjectKey}
     * @throws IllegalArgumentException naming the spec location, for a spec the loader should have
     *                                  rejected (an unknown component or secret reference, a bad backup
     *                                  destination or schedule, two objects with one name, a patch that
     *                                  cannot be applied)
     */
    public ApplicationModel build(ApplicationSpec spec) {
        List<View> built = views(spec);
        for (View view : built) {
            if (view.failure() == null && !view.patchProblems().isEmpty()) {
                throw new IllegalArgumentException(view.patchProblems().stream().map(SpecProblem::toString)
                        .collect(Collectors.joining("; ")));
            }
        }

        Map<ObjectKey, Location> origins = new TreeMap<>();
        Map<ObjectKey, String> owners = new TreeMap<>();
        SortedSet<ObjectExemption> exemptions = new TreeSet<>();
        List<HasMetadata> defaults = built.get(0).objects(origins, owners, exemptions);
        SortedMap<String, List<HasMetadata>> environments = new TreeMap<>();
        List<String> names = new ArrayList<>(spec.views().keySet());
        for (int i = 0; i < names.size(); i++) {
            environments.put(names.get(i), built.get(i + 1).objects(origins, owners, exemptions));
        }
        return new ApplicationModel(spec, defaults, Collections.unmodifiableSortedMap(environments),
                Collections.unmodifiableMap(origins), List.copyOf(exemptions), ComponentFacts.of(spec, kinds),
                ObjectGroups.of(spec.groups(), owners));
    }

    /**
     * The problems of the spec's patches, for the loader: each view is built and its components'
     * patches applied ({@link ObjectPatches}), without the rest of the model.
     *
     * @param spec a spec that passed every other check
     * @return the problems of the default view and, by name, of each other view ({@link ApplicationSpec#views()}); all empty when every patch applies
     */
    public PatchProblems patchProblems(ApplicationSpec spec) {
        SortedMap<String, List<SpecProblem>> environments = new TreeMap<>();
        if (spec.defaults().patches().isEmpty() && spec.views().values().stream().allMatch(app -> app.patches().isEmpty())) {
            spec.views().keySet().forEach(name -> environments.put(name, List.of()));
            return new PatchProblems(List.of(), environments);
        }
        List<View> built = views(spec);
        List<String> names = new ArrayList<>(spec.views().keySet());
        for (int i = 0; i < names.size(); i++) {
            environments.put(names.get(i), built.get(i + 1).problems());
        }
        return new PatchProblems(built.get(0).problems(), Collections.unmodifiableSortedMap(environments));
    }

    /**
     * The patch problems of each view of a spec.
     *
     * @param defaults     the default view's
     * @param environments each other view's ({@link ApplicationSpec#views()}), by name
     */
    public record PatchProblems(List<SpecProblem> defaults, SortedMap<String, List<SpecProblem>> environments) {
    }

    /** Every view's objects, built in parallel and listed in the spec's order (default view, then {@link ApplicationSpec#views()}). */
    private List<View> views(ApplicationSpec spec) {
        // the views are independent: they are built in parallel and merged in the spec's order,
        // as if built one by one
        ScheduleGaps gaps = new ScheduleGaps();
        List<Application> views = new ArrayList<>();
        views.add(spec.defaults());
        views.addAll(spec.views().values());
        return Parallel.map(views, app -> View.of(() -> collect(spec, app, gaps)));
    }

    /** The collected objects of one view and the problems of its patches, or the failure that stopped collecting them. */
    private record View(ObjectCollector collector, List<SpecProblem> patchProblems, RuntimeException failure) {

        /** Collects a view's objects; never throws (the failure is kept for {@link #objects}). */
        static View of(java.util.function.Supplier<View> collect) {
            try {
                return collect.get();
            } catch (RuntimeException e) {
                return new View(null, List.of(), e);
            }
        }

        /**
         * The problems of the view's patches.
         *
         * @throws RuntimeException the failure of this view, as it was thrown
         */
        List<SpecProblem> problems() {
            if (failure != null) {
                throw failure;
            }
            return patchProblems;
        }

        /**
         * The view's objects; adds their origins and owning components (the first view to name an object keeps them) and exemptions.
         *
         * @throws RuntimeException the failure of this view, as it was thrown
         */
        List<HasMetadata> objects(Map<ObjectKey, Location> origins, Map<ObjectKey, String> owners, SortedSet<ObjectExemption> exemptions) {
            if (failure != null) {
                throw failure;
            }
            collector.origins().forEach(origins::putIfAbsent);
            collector.owners().forEach(owners::putIfAbsent);
            exemptions.addAll(collector.exemptions());
            return collector.objects();
        }
    }

    private View collect(ApplicationSpec spec, Application app, ScheduleGaps gaps) {
        requireRouting(app);
        Labels labels = new Labels(app);
        Metadata metadata = new Metadata(app.namespace());
        TlsObjects tls = new TlsObjects(app, labels, metadata);
        AlertRules alertRules = new AlertRules(app, gaps, kinds);
        ServiceMonitors serviceMonitors = new ServiceMonitors(app, labels, metadata);
        ExternalSecrets externalSecrets = new ExternalSecrets(labels, metadata);
        NetworkPolicies networkPolicies = new NetworkPolicies(app, labels, metadata);
        PublicRoutes routes = app.tls() == null || app.routesThroughGateway() ? null
                : new PublicRoutes(labels, metadata, tls, app.ingress() == null ? null : app.ingress().className(),
                        IngressAnnotations.of(app), app.dns());
        GatewayRoutes gatewayRoutes = app.routesThroughGateway() ? new GatewayRoutes(app, labels, metadata) : null;

        ObjectCollector collector = new ObjectCollector();
        KindContext context = new KindContext(app, labels, metadata, new EnvironmentVariables(app), networkPolicies, alertRules,
                gaps, collector);
        collector.add(app.location(), PodSecurity.namespace(app.namespace(), labels.application()));
        collector.add(app.location(), networkPolicies.applicationPolicies());
        collector.exempt(networkPolicies.exemptions());
        if (app.monitoring() != null) {
            collector.add(app.location(), alertRules.prometheusRule(metadata, withMonitoringLabels(app, labels.application())));
        }
        tls.issuer().ifPresent(issuer -> collector.add(app.location(), issuer));
        if (gatewayRoutes != null) {
            collector.add(app.gateway().location(), gatewayRoutes.applicationObjects());
        }
        collector.add(app.location(), new PodCertificates(app, labels, metadata).internalCa());
        if (spec.admissionPolicies()) {
            collector.add(app.location(), admissionPolicies.of(app.name(), app.namespace()));
        }
        for (SecretSource secret : app.secrets().values()) {
            externalSecrets.of(secret).ifPresent(object -> collector.add(secret.location(), object));
        }
        List<SpecProblem> patchProblems = new ArrayList<>();
        for (Component component : app.components()) {
            int owned = collector.size();
            kinds.contribute(component, context);
            if (routes != null) {
                collector.add(component.location(), routes.objects(component));
            }
            if (gatewayRoutes != null) {
                collector.add(component.location(), gatewayRoutes.objects(component));
            }
            if (app.monitoring() != null) {
                serviceMonitors.of(component).ifPresent(monitor -> collector.add(component.location(), monitor));
            }
            patch(app, component, collector, owned, patchProblems);
            collector.own(component.name(), owned);
        }
        if (app.monitoring() != null && app.monitoring().grafanaDashboard() != null) {
            collector.add(app.location(), new Dashboards(app, alertRules)
                    .configMap(app.monitoring().grafanaDashboard(), metadata, labels.application(), collector.objects()));
        }
        return new View(collector, List.copyOf(patchProblems), null);
    }

    /** Applies a component's patches to the objects added for it since the mark {@code owned}. */
    private void patch(Application app, Component component, ObjectCollector collector, int owned, List<SpecProblem> problems) {
        if (app.patches(component.name()).isEmpty()) {
            return;
        }
        ObjectPatches.Result result = patches.apply(component.name(), app.patches(component.name()), collector.addedSince(owned));
        result.objects().forEach(collector::replace);
        problems.addAll(result.problems());
    }

    /** Labels plus the platform Prometheus's selector labels ({@code spec.monitoring.labels}). */
    static Map<String, String> withMonitoringLabels(Application app, Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.putAll(app.monitoring().labels());
        return Collections.unmodifiableMap(all);
    }

    /** A route needs a certificate issuer and an ingress class or a Gateway; the loader checks it, this keeps the model honest. */
    private static void requireRouting(Application app) {
        for (Component component : app.components()) {
            if (!component.routes().isEmpty() && (app.tls() == null || (app.ingress() == null && app.gateway() == null))) {
                throw new IllegalArgumentException(component.location() + ": " + component.name()
                        + " has a route, which needs spec.tls (the certificate issuer) and spec.ingress (the ingress class) or spec.gateway");
            }
        }
    }
}
