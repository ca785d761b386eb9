package dev.shipshape.render.docs;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.KustomizeBuild;
import dev.shipshape.model.OutputLayout;
import dev.shipshape.render.docs.RunbookView.BuildRow;
import dev.shipshape.spec.Component;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The runbook's table of an application's Kustomize builds when its components are grouped
 * ({@link dev.shipshape.spec.ComponentGroups}): per build, its components, the Flux Kustomizations
 * that apply it (read from the model's deliveries by path) and its overlays' folder; empty without groups.
 */
final class BuildRows {

    private BuildRows() {
    }

    /** One row per build, the main build first; none when no component has a group. */
    static List<BuildRow> of(ApplicationModel model) {
        if (model.spec().groups().isEmpty()) {
            return List.of();
        }
        OutputLayout layout = model.layout();
        return model.builds().stream().map(build -> {
            List<String> components = build.groupName().map(group -> model.spec().groups().components(group))
                    .orElseGet(() -> model.spec().defaults().components().stream().map(Component::name)
                            .filter(name -> model.spec().groups().of(name).isEmpty()).toList());
            String members = (build.isMain() ? "the application-wide objects" + (components.isEmpty() ? "" : ", ") : "")
                    + components.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
            return new BuildRow(build.groupName().map(group -> "group `" + group + "`").orElse("main"), members,
                    kustomizations(model, build).stream().map(name -> "`" + name + "`").collect(Collectors.joining(", ")),
                    build.overlay("<view>"));
        }).toList();
    }

    /** The names of the Flux Kustomizations, over every cluster, whose path is one of the build's overlays or job stages, sorted. */
    private static Set<String> kustomizations(ApplicationModel model, KustomizeBuild build) {
        Set<String> paths = new TreeSet<>();
        model.environments().keySet().forEach(view -> {
            paths.add(model.layout().inRepository(build.overlay(view)));
            paths.add(model.layout().inRepository(build.jobs(view)));
        });
        Set<String> names = new TreeSet<>();
        model.deliveries().forEach(delivery -> delivery.entry().stream()
                .filter(object -> object.getKind().equals("Kustomization") && paths.contains(path(object)))
                .forEach(object -> names.add(object.getMetadata().getName())));
        return names;
    }

    private static String path(GenericKubernetesResource kustomization) {
        Object spec = kustomization.getAdditionalProperties().get("spec");
        return spec instanceof Map<?, ?> map ? String.valueOf(map.get("path")) : "";
    }
}
