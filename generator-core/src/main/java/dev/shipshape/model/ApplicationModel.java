package dev.shipshape.model;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Location;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The one in-memory model every rendering reads: the Kubernetes objects of an application, for
 * its default view and for each environment. Object lists are sorted by {@link ObjectKey}.
 *
 * @param spec         the spec it was built from
 * @param defaults     the objects of the default view (no environment overrides)
 * @param environments the objects per environment name
 * @param origins      for every object key, the spec location that produced it (for findings)
 * @param exemptions   the rules the generator breaks on purpose on its own objects, sorted
 * @param facts        what each component's kind states about it, per view (the runbook's facts)
 * @param groups       which Kustomize build each object goes to ({@link #builds()})
 * @param layout       every path of the application's output, decided once
 * @param deliveries   the Flux objects of each cluster, in spec order
 */
public record ApplicationModel(
        ApplicationSpec spec,
        List<HasMetadata> defaults,
        SortedMap<String, List<HasMetadata>> environments,
        Map<ObjectKey, Location> origins,
        List<ObjectExemption> exemptions,
        ComponentFacts facts,
        ObjectGroups groups,
        OutputLayout layout,
        List<ClusterDelivery> deliveries) {

    public ApplicationModel {
        exemptions = exemptions.stream().sorted().distinct().toList();
        deliveries = List.copyOf(deliveries);
    }

    /**
     * A model with the layout and deliveries derived from the spec, the objects and their groups.
     *
     * @throws IllegalArgumentException if a cluster runs an environment the model does not have
     */
    public ApplicationModel(ApplicationSpec spec, List<HasMetadata> defaults, SortedMap<String, List<HasMetadata>> environments,
                            Map<ObjectKey, Location> origins, List<ObjectExemption> exemptions, ComponentFacts facts,
                            ObjectGroups groups) {
        this(spec, defaults, environments, origins, exemptions, facts, groups, OutputLayout.of(spec),
                FluxObjects.of(spec, OutputLayout.of(spec), environments, groups));
    }

    /** A model whose objects all go to the main build. */
    public ApplicationModel(ApplicationSpec spec, List<HasMetadata> defaults, SortedMap<String, List<HasMetadata>> environments,
                            Map<ObjectKey, Location> origins, List<ObjectExemption> exemptions, ComponentFacts facts) {
        this(spec, defaults, environments, origins, exemptions, facts, ObjectGroups.NONE);
    }

    /** A model of the standard kinds' components (their facts are derived from the spec). */
    public ApplicationModel(ApplicationSpec spec, List<HasMetadata> defaults, SortedMap<String, List<HasMetadata>> environments,
                            Map<ObjectKey, Location> origins, List<ObjectExemption> exemptions) {
        this(spec, defaults, environments, origins, exemptions, ComponentFacts.of(spec, ComponentKinds.standard()));
    }

    /** A model of the standard kinds' components whose generator declares no exemption. */
    public ApplicationModel(ApplicationSpec spec, List<HasMetadata> defaults,
                            SortedMap<String, List<HasMetadata>> environments, Map<ObjectKey, Location> origins) {
        this(spec, defaults, environments, origins, List.of());
    }

    /**
     * The spec file's name as generated headers and the ownership index name it: the file name's
     * bytes decoded as UTF-8, the same under every locale ({@link dev.shipshape.output.GeneratedHeader#sourceName}).
     */
    public String source() {
        return dev.shipshape.output.GeneratedHeader.sourceName(spec.file());
    }

    /** The application's Kustomize builds: the main build, then one per component group in name order ({@link OutputLayout#builds}). */
    public List<KustomizeBuild> builds() {
        return layout.builds(spec.groups().names());
    }

    /** The application's name. */
    public String name() {
        return spec.name();
    }
}
