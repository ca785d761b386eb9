package dev.shipshape.model;

import dev.shipshape.Parallel;
import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.SecretSource;
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

/**
 * Builds the Kubernetes objects of an application, for its default view and each environment.
 * The PrometheusRule and the ServiceMonitors are emitted only with {@code spec.monitoring} (their
 * CRDs come with the platform's Prometheus Operator). The objects of the whole application come from shared builders ({@link Labels}, {@link PodSecurity},
 * {@link NetworkPolicies}, {@link TlsObjects}, {@link AlertRules}, {@link ExternalSecrets}); each
 * component's own objects from its {@linkplain dev.shipshape.kind.ComponentKind kind}, and its routes
 * ({@link PublicRoutes}) and ServiceMonitor ({@link ServiceMonitors}) from what it states. This class
 * only walks the spec and collects the objects.
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
     *                                  destination or schedule, two objects with one name)
     */
    public ApplicationModel build(ApplicationSpec spec) {
        // the views are independent: they are built in parallel and merged here in the spec's
        // order (default view, then environments), as if built one by one
        ScheduleGaps gaps = new ScheduleGaps();
        List<Application> views = new ArrayList<>();
        views.add(spec.defaults());
        views.addAll(spec.environments().values());
        List<View> built = Parallel.map(views, app -> View.of(() -> collect(spec, app, gaps)));

        Map<ObjectKey, Location> origins = new TreeMap<>();
        SortedSet<ObjectExemption> exemptions = new TreeSet<>();
        List<HasMetadata> defaults = built.get(0).objects(origins, exemptions);
        SortedMap<String, List<HasMetadata>> environments = new TreeMap<>();
        List<String> names = new ArrayList<>(spec.environments().keySet());
        for (int i = 0; i < names.size(); i++) {
            environments.put(names.get(i), built.get(i + 1).objects(origins, exemptions));
        }
        return new ApplicationModel(spec, defaults, Collections.unmodifiableSortedMap(environments),
                Collections.unmodifiableMap(origins), List.copyOf(exemptions), ComponentFacts.of(spec, kinds));
    }

    /** The collected objects of one view, or the failure that stopped collecting them. */
    private record View(ObjectCollector collector, RuntimeException failure) {

        /** Collects a view's objects; never throws (the failure is kept for {@link #objects}). */
        static View of(java.util.function.Supplier<ObjectCollector> collect) {
            try {
                return new View(collect.get(), null);
            } catch (RuntimeException e) {
                return new View(null, e);
            }
        }

        /**
         * The view's objects; adds their origins (the first view to name an object keeps it) and exemptions.
         *
         * @throws RuntimeException the failure of this view, as it was thrown
         */
        List<HasMetadata> objects(Map<ObjectKey, Location> origins, SortedSet<ObjectExemption> exemptions) {
            if (failure != null) {
                throw failure;
            }
            collector.origins().forEach(origins::putIfAbsent);
            exemptions.addAll(collector.exemptions());
            return collector.objects();
        }
    }

    private ObjectCollector collect(ApplicationSpec spec, Application app, ScheduleGaps gaps) {
        requireRouting(app);
        Labels labels = new Labels(app);
        Metadata metadata = new Metadata(app.namespace());
        TlsObjects tls = new TlsObjects(app, labels, metadata);
        AlertRules alertRules = new AlertRules(app, gaps, kinds);
        ServiceMonitors serviceMonitors = new ServiceMonitors(app, labels, metadata);
        ExternalSecrets externalSecrets = new ExternalSecrets(labels, metadata);
        NetworkPolicies networkPolicies = new NetworkPolicies(app, labels, metadata);
        PublicRoutes routes = app.tls() == null ? null
                : new PublicRoutes(labels, metadata, tls, app.ingress() == null ? null : app.ingress().className(),
                        app.tls().redirect());

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
        if (spec.admissionPolicies()) {
            collector.add(app.location(), admissionPolicies.of(app.name(), app.namespace()));
        }
        for (SecretSource secret : app.secrets().values()) {
            externalSecrets.of(secret).ifPresent(object -> collector.add(secret.location(), object));
        }
        for (Component component : app.components()) {
            kinds.contribute(component, context);
            if (routes != null) {
                collector.add(component.location(), routes.objects(component));
            }
            if (app.monitoring() != null) {
                serviceMonitors.of(component).ifPresent(monitor -> collector.add(component.location(), monitor));
            }
        }
        return collector;
    }

    /** Labels plus the platform Prometheus's selector labels ({@code spec.monitoring.labels}). */
    static Map<String, String> withMonitoringLabels(Application app, Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.putAll(app.monitoring().labels());
        return Collections.unmodifiableMap(all);
    }

    /** A route needs a certificate issuer and an ingress class; the loader checks it, this keeps the model honest. */
    private static void requireRouting(Application app) {
        for (Component component : app.components()) {
            if (!component.routes().isEmpty() && (app.tls() == null || app.ingress() == null)) {
                throw new IllegalArgumentException(component.location() + ": " + component.name()
                        + " has a route, which needs spec.tls (the certificate issuer) and spec.ingress (the ingress class)");
            }
        }
    }
}
