package dev.shipshape.kind;

import dev.shipshape.kind.cache.CacheKind;
import dev.shipshape.kind.cronjob.CronJobKind;
import dev.shipshape.kind.job.JobKind;
import dev.shipshape.kind.postgres.PostgresKind;
import dev.shipshape.kind.prometheus.PrometheusKind;
import dev.shipshape.kind.stateful.StatefulKind;
import dev.shipshape.kind.web.WebKind;
import dev.shipshape.kind.worker.WorkerKind;
import dev.shipshape.model.AlertRule;
import dev.shipshape.model.AlertRules;
import dev.shipshape.model.KindContext;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.PodTemplate;
import dev.shipshape.spec.SpecChecks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The component kinds a spec may use, by {@code type}: the one place where a kind is registered.
 * Dispatches every kind-specific step to the kind of the component at hand, so the loader, model
 * builder and runbook never test a component's class. Immutable and thread-safe.
 */
public final class ComponentKinds {

    private static final ComponentKinds STANDARD = new ComponentKinds(List.of(new WebKind(), new WorkerKind(), new CronJobKind(), new JobKind(),
            new PostgresKind(), new CacheKind(), new StatefulKind(), new PrometheusKind()));

    private final Map<String, ComponentKind<?>> byType = new LinkedHashMap<>();

    /**
     * @param kinds the kinds, in the order the schema lists them
     * @throws IllegalArgumentException if two kinds share a {@code type}
     */
    public ComponentKinds(List<? extends ComponentKind<?>> kinds) {
        for (ComponentKind<?> kind : kinds) {
            if (byType.putIfAbsent(kind.type(), kind) != null) {
                throw new IllegalArgumentException("two component kinds have type " + kind.type());
            }
        }
    }

    /**
     * The kinds shipshape ships: {@code web}, {@code worker}, {@code cronjob}, {@code job}, {@code postgres}, {@code cache},
     * {@code stateful}, {@code prometheus}.
     */
    public static ComponentKinds standard() {
        return STANDARD;
    }

    /** These kinds and {@code more} after them (for a front end or test that adds its own kinds). */
    public ComponentKinds with(List<? extends ComponentKind<?>> more) {
        List<ComponentKind<?>> all = new java.util.ArrayList<>(byType.values());
        all.addAll(more);
        return new ComponentKinds(all);
    }

    /** Every kind, in registration order. */
    public List<ComponentKind<?>> all() {
        return List.copyOf(byType.values());
    }


    /**
     * Binds an entry with the kind its {@code type} names.
     *
     * @throws IllegalArgumentException for a type no kind has (the schema rejects it first)
     */
    public Component bind(String type, ComponentNode node) {
        ComponentKind<?> kind = byType.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("component type not validated: " + type);
        }
        return kind.bind(node);
    }

    /** Runs the component's kind checks. */
    public void check(Component component, SpecChecks checks) {
        Dispatch.of(this, component).check(checks);
    }

    /** Adds the component's objects to the view being built. */
    public void contribute(Component component, KindContext context) {
        Dispatch.of(this, component).contribute(context);
    }

    /** The component's kind-specific alerting rules. */
    public List<AlertRule> alerts(Component component, AlertRules rules) {
        return Dispatch.of(this, component).alerts(rules);
    }

    /** What the runbook says about the component. */
    public RunbookFacts runbook(Component component) {
        return Dispatch.of(this, component).runbook();
    }

    /**
     * Where a field of one of the component's containers is set in its spec entry, dotted and
     * relative to the entry ({@link ComponentKind#specField}): a sidecar's or init container's own
     * entry ({@code sidecars.<name>.<field>}), else what the kind says.
     */
    public String specField(Component component, String container, String field) {
        Optional<PodTemplate> pod = component.podTemplate();
        if (pod.isPresent()) {
            if (pod.get().sidecars().stream().anyMatch(c -> c.name().equals(container))) {
                return "sidecars." + container + "." + field;
            }
            if (pod.get().initContainers().stream().anyMatch(c -> c.name().equals(container))) {
                return "initContainers." + container + "." + field;
            }
        }
        return Dispatch.of(this, component).specField(container, field);
    }

    /** A component with its kind, typed together (the one cast, checked against the kind's record class). */
    private record Dispatch<C extends Component>(ComponentKind<C> kind, C component) {

        static Dispatch<?> of(ComponentKinds kinds, Component component) {
            ComponentKind<?> kind = kinds.byType.get(component.type());
            if (kind == null || !kind.componentClass().isInstance(component)) {
                throw new IllegalArgumentException(component.location() + ": component " + component.name()
                        + " is of type " + component.type() + ", which no registered kind binds to " + component.getClass().getSimpleName());
            }
            return typed(kind, component);
        }

        private static <C extends Component> Dispatch<C> typed(ComponentKind<C> kind, Component component) {
            return new Dispatch<>(kind, kind.componentClass().cast(component));
        }

        void check(SpecChecks checks) {
            kind.check(component, checks);
        }

        void contribute(KindContext context) {
            kind.contribute(component, context);
        }

        List<AlertRule> alerts(AlertRules rules) {
            return kind.alerts(component, rules);
        }

        RunbookFacts runbook() {
            return kind.runbook(component);
        }

        String specField(String container, String field) {
            return kind.specField(component, container, field);
        }
    }
}
