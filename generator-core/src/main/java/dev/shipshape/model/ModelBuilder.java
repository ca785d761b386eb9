package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.PostgresComponent;
import dev.shipshape.spec.PrometheusComponent;
import dev.shipshape.spec.SecretSource;
import dev.shipshape.spec.WebComponent;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the Kubernetes objects of an application, for its default view and each environment.
 * Each concern lives in its own class — {@link Labels}, {@link PodSecurity}, {@link WebWorkloads},
 * {@link PublicRoutes}, {@link TlsObjects}, {@link PostgresObjects}, {@link BackupJobs},
 * {@link PrometheusObjects}, {@link AlertRules}, {@link ServiceMonitors}, {@link ExternalSecrets},
 * {@link NetworkPolicies} — and this class only walks the spec and collects their objects.
 * The result is deterministic: the same spec gives equal objects in the same order.
 */
public final class ModelBuilder {

    /**
     * @param spec a validated spec
     * @return the model every renderer reads; object lists sorted by {@link ObjectKey}
     * @throws IllegalArgumentException naming the spec location, for a spec the loader should have
     *                                  rejected (an unknown component or secret reference, a bad backup
     *                                  destination or schedule, two objects with one name)
     */
    public ApplicationModel build(ApplicationSpec spec) {
        Map<ObjectKey, Location> origins = new TreeMap<>();
        SortedSet<ObjectExemption> exemptions = new TreeSet<>();
        ScheduleGaps gaps = new ScheduleGaps();
        List<HasMetadata> defaults = objects(spec.defaults(), origins, exemptions, gaps);
        SortedMap<String, List<HasMetadata>> environments = new TreeMap<>();
        spec.environments().forEach((name, app) -> environments.put(name, objects(app, origins, exemptions, gaps)));
        return new ApplicationModel(spec, defaults, Collections.unmodifiableSortedMap(environments),
                Collections.unmodifiableMap(origins), List.copyOf(exemptions));
    }

    private static List<HasMetadata> objects(Application app, Map<ObjectKey, Location> origins,
                                             SortedSet<ObjectExemption> exemptions, ScheduleGaps gaps) {
        Labels labels = new Labels(app);
        Metadata metadata = new Metadata(app.namespace());
        EnvironmentVariables env = new EnvironmentVariables(app);
        TlsObjects tls = new TlsObjects(app, labels, metadata);
        AlertRules alertRules = new AlertRules(app, gaps);
        WebWorkloads web = new WebWorkloads(labels, metadata, env);
        PostgresObjects postgres = new PostgresObjects(labels, metadata, env);
        BackupJobs backups = new BackupJobs(labels, metadata, env, postgres, gaps);
        PrometheusObjects prometheus = new PrometheusObjects(app, labels, metadata, alertRules);
        ServiceMonitors serviceMonitors = new ServiceMonitors(app, labels, metadata);
        ExternalSecrets externalSecrets = new ExternalSecrets(labels, metadata);
        NetworkPolicies networkPolicies = new NetworkPolicies(app, labels, metadata, tls.managesIssuer());
        PublicRoutes routes = app.tls() == null ? null
                : new PublicRoutes(labels, metadata, tls, app.ingress() == null ? null : app.ingress().className(),
                        app.tls().redirect());

        requireRouting(app);
        ObjectCollector collector = new ObjectCollector();
        collector.add(app.location(), PodSecurity.namespace(app.namespace(), labels.application()));
        collector.add(app.location(), networkPolicies.applicationPolicies());
        collector.exempt(networkPolicies.exemptions());
        collector.add(app.location(), alertRules.prometheusRule(metadata, labels.application()));
        tls.issuer().ifPresent(issuer -> collector.add(app.location(), issuer));
        for (SecretSource secret : app.secrets().values()) {
            externalSecrets.of(secret).ifPresent(object -> collector.add(secret.location(), object));
        }
        for (Component component : app.components()) {
            collector.add(component.location(), networkPolicies.componentPolicies(component));
            if (component instanceof WebComponent webComponent) {
                collector.add(component.location(), web.objects(webComponent));
                if (webComponent.route() != null) {
                    collector.add(component.location(), routes.objects(webComponent));
                }
                if (webComponent.metrics() != null) {
                    collector.add(component.location(), serviceMonitors.of(webComponent));
                }
            } else if (component instanceof PostgresComponent db) {
                collector.add(component.location(), postgres.objects(db));
                collector.add(component.location(), backups.objects(db));
            } else {
                collector.add(component.location(), prometheus.objects((PrometheusComponent) component));
            }
        }
        collector.origins().forEach(origins::putIfAbsent);
        exemptions.addAll(collector.exemptions());
        return collector.objects();
    }

    /** A route needs a certificate issuer and an ingress class; the loader checks it, this keeps the model honest. */
    private static void requireRouting(Application app) {
        for (Component component : app.components()) {
            if (component instanceof WebComponent web && web.route() != null && (app.tls() == null || app.ingress() == null)) {
                throw new IllegalArgumentException(web.location() + ": " + web.name()
                        + " has a route, which needs spec.tls (the certificate issuer) and spec.ingress (the ingress class)");
            }
        }
    }
}
