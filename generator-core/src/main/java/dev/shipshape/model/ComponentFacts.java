package dev.shipshape.model;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Component;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What each component's kind states about it for the runbook, per view, decided once while the
 * model is built so the runbook renderer reads facts instead of asking kinds or re-deriving names.
 *
 * @param defaults     facts of the default view, by component name
 * @param environments facts of each other view ({@link ApplicationSpec#views()}), by view and component name
 * @param fields       which spec field of a component sets what was generated for it, and where it is written
 */
public record ComponentFacts(SortedMap<String, RunbookFacts> defaults, SortedMap<String, SortedMap<String, RunbookFacts>> environments,
                             SpecFields fields) {

    /** The facts of every view of a spec, as its components' kinds state them. */
    public static ComponentFacts of(ApplicationSpec spec, ComponentKinds kinds) {
        SortedMap<String, SortedMap<String, RunbookFacts>> environments = new TreeMap<>();
        spec.views().forEach((name, app) -> environments.put(name, of(app, kinds)));
        return new ComponentFacts(of(spec.defaults(), kinds), Collections.unmodifiableSortedMap(environments), new SpecFields(spec, kinds));
    }

    private static SortedMap<String, RunbookFacts> of(Application app, ComponentKinds kinds) {
        SortedMap<String, RunbookFacts> facts = new TreeMap<>();
        for (Component component : app.components()) {
            facts.put(component.name(), kinds.runbook(component));
        }
        return Collections.unmodifiableSortedMap(facts);
    }

    /**
     * The facts of a component in a view.
     *
     * @param environment the environment, or {@code null} for the default view
     * @throws IllegalArgumentException if the view has no such component
     */
    public RunbookFacts of(String environment, String component) {
        SortedMap<String, RunbookFacts> view = environment == null ? defaults : environments.get(environment);
        RunbookFacts facts = view == null ? null : view.get(component);
        if (facts == null) {
            throw new IllegalArgumentException("no component " + component + " in view " + (environment == null ? "default" : environment));
        }
        return facts;
    }
}
