package dev.shipshape.kind;

import dev.shipshape.model.AlertRule;
import dev.shipshape.model.AlertRules;
import dev.shipshape.model.KindContext;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.SpecChecks;

import java.util.List;

/**
 * One kind of component ({@code web}, {@code postgres}, {@code prometheus}, ...): the single
 * definition that owns everything about it — how a {@code spec.components.<name>} entry of its
 * {@code type} binds to its record (with its defaults), its JSON Schema branch, the checks a schema
 * cannot express, the Kubernetes objects it contributes, the alerts it needs and what the runbook
 * says about it. What it offers to other components (endpoint, metrics, routes, workload) is stated
 * by its record through {@link Component}. Shared concerns are small builders it calls
 * ({@link KindContext}: labels, metadata, pod security, probes, NetworkPolicies, routes,
 * ServiceMonitors), never switches over kinds, so adding a kind is one new definition registered in
 * {@link ComponentKinds} plus its schema branch — no renderer, policy engine, runbook or writer changes.
 *
 * <p>Implementations are stateless and thread-safe: views of an application are built in parallel.
 *
 * @param <C> the kind's component record
 */
public interface ComponentKind<C extends Component> {

    /** The {@code type} value in the spec that selects this kind, a lower-case word. */
    String type();

    /** The kind's component record class. */
    Class<C> componentClass();

    /**
     * The kind's JSON Schema branch: a classpath resource (relative to the kind's class) holding
     * {@code description} (one line for the {@code type} enum), {@code $defs} (its component
     * definition, named {@code <type>Component}, and any definitions only it uses) and
     * {@code overrides} (field name → description of each field an environment may override).
     * See {@link dev.shipshape.spec.SpecSchema}.
     */
    default String schemaResource() {
        return type() + ".schema.json";
    }

    /**
     * Binds one schema-valid entry, applying the defaults its schema documents.
     *
     * @param node the entry, its name, pointer and location
     * @return the component record
     */
    C bind(ComponentNode node);

    /**
     * Reports what the schema cannot express about one component of one view (value ranges,
     * references to secrets, cron schedules); the shared checks ({@code uses}, env references,
     * routes, derived names) run for every kind.
     */
    default void check(C component, SpecChecks checks) {
    }

    /**
     * Adds the Kubernetes objects of one component of one view to {@code context}.
     *
     * @throws IllegalArgumentException naming the spec location, for a spec the loader should have rejected
     */
    void contribute(C component, KindContext context);

    /**
     * The alerting rules the kind needs besides the shared ones (workload availability, metrics
     * target down, restarts, certificate expiry, which {@link AlertRules} derives for every kind).
     *
     * @param rules the alert builder of this view (label selectors, schedule gaps)
     */
    default List<AlertRule> alerts(C component, AlertRules rules) {
        return List.of();
    }

    /**
     * Where in the component's spec entry a field of one of its containers is set, so a policy
     * finding on that field points at the line to edit. {@code field} is a spec field path relative
     * to the container's entry, dotted ({@code image}, {@code resources.memory}); the result is
     * relative to the component's entry, dotted. The default: the component's own field, which is
     * right for its main container and for tool containers that run the component's image; a kind
     * whose tool containers take a field of their own (PostgreSQL's uploader image) says so.
     * Sidecars and init containers are resolved before the kind is asked.
     *
     * @param container the container's name in the emitted pod
     */
    default String specField(C component, String container, String field) {
        return field;
    }

    /** What the disaster-recovery runbook states about one component of one view. */
    RunbookFacts runbook(C component);
}
