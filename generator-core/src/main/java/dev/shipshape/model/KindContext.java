package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Location;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Collection;
import java.util.List;

/**
 * What a {@link dev.shipshape.kind.ComponentKind} builds its objects with, for one view of an
 * application: the shared builders (labels, metadata, environment variables, NetworkPolicies, the
 * view's alert rules and schedule gaps) and the collector its objects go to. One instance per view;
 * confined to the thread building that view.
 */
public final class KindContext {

    private final Application app;
    private final Labels labels;
    private final Metadata metadata;
    private final EnvironmentVariables env;
    private final NetworkPolicies networkPolicies;
    private final AlertRules alertRules;
    private final ScheduleGaps gaps;
    private final ObjectCollector collector;

    KindContext(Application app, Labels labels, Metadata metadata, EnvironmentVariables env, NetworkPolicies networkPolicies,
                AlertRules alertRules, ScheduleGaps gaps, ObjectCollector collector) {
        this.app = app;
        this.labels = labels;
        this.metadata = metadata;
        this.env = env;
        this.networkPolicies = networkPolicies;
        this.alertRules = alertRules;
        this.gaps = gaps;
        this.collector = collector;
    }

    /** The application view being built. */
    public Application app() {
        return app;
    }

    /** The labels and selectors of this view. */
    public Labels labels() {
        return labels;
    }

    /** The metadata (name, namespace, labels) of this view's objects. */
    public Metadata metadata() {
        return metadata;
    }

    /** The metadata of an object named like its component, with the component's labels. */
    public io.fabric8.kubernetes.api.model.ObjectMeta meta(dev.shipshape.spec.Component component) {
        return metadata.of(component.name(), labels.component(component));
    }

    /** Container env from spec variables, with connection references expanded. */
    public EnvironmentVariables env() {
        return env;
    }

    /** The NetworkPolicy builder of this view. */
    public NetworkPolicies networkPolicies() {
        return networkPolicies;
    }

    /** This view's alerting rules (rendered once; Prometheus loads them). */
    public AlertRules alertRules() {
        return alertRules;
    }

    /** The longest gaps of cron schedules, measured once per model build. */
    public ScheduleGaps gaps() {
        return gaps;
    }

    /**
     * Adds objects produced by the spec element at {@code origin}.
     *
     * @throws IllegalArgumentException if an object's key is already in the view
     */
    public void add(Location origin, Collection<? extends HasMetadata> objects) {
        collector.add(origin, objects);
    }

    /** Adds one object. */
    public void add(Location origin, HasMetadata object) {
        collector.add(origin, object);
    }

    /**
     * Declares rules the generator breaks on purpose on objects already added, each with its reason.
     *
     * @throws IllegalArgumentException if an exemption names an object that was not added
     */
    public void exempt(List<ObjectExemption> exemptions) {
        collector.exempt(exemptions);
    }
}
