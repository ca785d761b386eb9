package dev.shipshape.render.kustomize;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.JobStages;
import dev.shipshape.model.KustomizeBuild;
import dev.shipshape.model.OutputLayout;
import dev.shipshape.model.SopsSecrets;
import dev.shipshape.model.ObjectGroups;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.output.OutputTree;
import dev.shipshape.render.KustomizationFile;
import dev.shipshape.render.ObjectDiff;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.render.Renderer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders each application as a Kustomize base and one overlay per environment:
 * <pre>
 * &lt;app&gt;/kustomize/base/kustomization.yaml          the shared objects, one file each
 * &lt;app&gt;/kustomize/base/&lt;kind&gt;-&lt;name&gt;.yaml
 * &lt;app&gt;/kustomize/overlays/&lt;env&gt;/kustomization.yaml   ../../base + objects only this env has + patches
 * &lt;app&gt;/kustomize/overlays/&lt;env&gt;/&lt;kind&gt;-&lt;name&gt;.yaml
 * &lt;app&gt;/kustomize/overlays/&lt;env&gt;/patches/&lt;kind&gt;-&lt;name&gt;.yaml   JSON 6902 patch of a base object
 * &lt;app&gt;/kustomize/overlays/&lt;env&gt;/secret-&lt;name&gt;.sops.yaml   a sops-encrypted Secret, verbatim
 * &lt;app&gt;/kustomize/overlays/&lt;cluster&gt;/kustomization.yaml   a cluster with overrides: ../&lt;env&gt; + what it changes there
 * &lt;app&gt;/kustomize/jobs/&lt;env&gt;/kustomization.yaml      ../../overlays/&lt;env&gt; without the workloads that wait
 * &lt;app&gt;/kustomize/jobs/&lt;env&gt;/patches/&lt;kind&gt;-&lt;name&gt;.yaml   for its jobs ({@link JobStages}; only then)
 * &lt;app&gt;/kustomize/groups/&lt;group&gt;/...                  the same shape for each component group's objects
 * </pre>
 * The base holds the default view of every object that all environments have; an overlay adds
 * the objects only its environment has and patches each base object that differs there, so
 * {@code kubectl kustomize overlays/<env>} yields exactly the environment's objects and each
 * overlay holds only what differs.
 */
public final class KustomizeRenderer implements Renderer {

    private final ObjectYaml yaml;
    private final ObjectDiff diff;

    /**
     * @param yaml the YAML writer shared by the renderers
     * @param diff the object diff that computes overlay patches
     */
    public KustomizeRenderer(ObjectYaml yaml, ObjectDiff diff) {
        this.yaml = yaml;
        this.diff = diff;
    }

    @Override
    public void render(List<ApplicationModel> models, OutputTree output) {
        models.forEach(model -> render(model, output));
    }

    /**
     * Adds one application's builds ({@link ApplicationModel#builds()}): the main build, and one
     * per component group, each a base and overlays of its own objects only.
     *
     * @throws IllegalStateException if the model lists an object twice or two objects share a
     *                               file name ({@code <kind>-<name>})
     */
    public void render(ApplicationModel model, OutputTree output) {
        // every view's objects split by build once, not filtered again for each build
        ObjectGroups.Partition defaults = model.groups().partition(model.defaults());
        SortedMap<String, ObjectGroups.Partition> views = new TreeMap<>();
        model.environments().forEach((view, objects) -> views.put(view, model.groups().partition(objects)));
        model.builds().forEach(build -> render(model, build, defaults, views, output));
    }

    /**
     * Adds one build's base and overlays: the base holds the build's objects that every
     * environment shares, each overlay what its view changes ({@code kubectl kustomize} of it yields
     * exactly the view's objects of this build); the sops Secrets go to the main build.
     */
    private void render(ApplicationModel model, KustomizeBuild build, ObjectGroups.Partition defaultObjects,
                        SortedMap<String, ObjectGroups.Partition> viewObjects, OutputTree output) {
        Set<String> sources = Set.of(model.source());
        SortedMap<ObjectKey, HasMetadata> defaults = index(defaultObjects.of(build), "defaults");
        SortedMap<String, SortedMap<ObjectKey, HasMetadata>> environments = new TreeMap<>();
        // a cluster's view is layered on its environment's overlay, not on the base
        SortedMap<String, SortedMap<ObjectKey, HasMetadata>> layered = new TreeMap<>();
        viewObjects.forEach((view, objects) -> (model.spec().parentOf(view).isPresent() ? layered : environments)
                .put(view, index(objects.of(build), "view " + view)));

        SortedMap<ObjectKey, HasMetadata> base = new TreeMap<>(defaults);
        environments.values().forEach(objects -> base.keySet().retainAll(objects.keySet()));

        List<String> baseResources = new ArrayList<>();
        SortedMap<String, Overlay> overlays = new TreeMap<>();
        environments.keySet().forEach(env -> overlays.put(env, new Overlay(build.overlay(env))));
        // one object key at a time: the base object's tree lives only while its environments are
        // compared with it, so the renderer holds one object's trees, not every view's
        base.forEach((key, baseObject) -> {
            String file = key.fileStem() + ".yaml";
            byte[] baseJson = yaml.json(baseObject);
            ObjectNode baseTree = yaml.tree(baseJson, baseObject);
            output.add(build.base() + file, yaml.write(baseTree), sources);
            baseResources.add(file);
            environments.forEach((env, objects) -> {
                HasMetadata object = objects.get(key);
                if (object == baseObject) {
                    return;
                }
                byte[] json = yaml.json(object);
                if (Arrays.equals(json, baseJson)) {
                    return;
                }
                List<ObjectDiff.Operation> operations = diff.diff(baseTree, yaml.tree(json, object));
                if (!operations.isEmpty()) {
                    String patch = "patches/" + key.fileStem() + ".yaml";
                    Overlay overlay = overlays.get(env);
                    output.add(overlay.directory() + patch, yaml.write(ObjectDiff.toJsonPatch(operations)), sources);
                    overlay.patches().add(new KustomizationFile.Patch(patch, key));
                }
            });
        });
        output.add(build.base() + "kustomization.yaml",
                yaml.write(new KustomizationFile(baseResources, List.of()).toTree()), sources);

        environments.forEach((env, objects) -> {
            Overlay overlay = overlays.get(env);
            objects.forEach((key, object) -> {
                if (!base.containsKey(key)) {
                    String file = key.fileStem() + ".yaml";
                    output.add(overlay.directory() + file, yaml.write(object), sources);
                    overlay.resources().add(file);
                }
            });
            // a sops file is copied as committed: sops's MAC covers its every key and value, so
            // neither shipshape nor a Kustomize transformer may change it before Flux decrypts it
            if (build.isMain()) {
                SopsSecrets.of(model.spec().environments().get(env)).forEach(secret -> {
                    output.add(model.layout().sopsSecret(env, secret.name()), secret.sops().content(), sources);
                    overlay.resources().add(OutputLayout.sopsSecretFile(secret.name()));
                });
            }
            output.add(overlay.directory() + "kustomization.yaml",
                    yaml.write(new KustomizationFile(overlay.resources(), overlay.patches()).toTree()), sources);
            JobStages.of(model.spec().environments().get(env), viewObjects.get(env).of(build))
                    .ifPresent(stages -> renderJobStage(build, env, stages, output, sources));
        });
        layered.forEach((view, objects) -> {
            String environment = model.spec().parentOf(view).orElseThrow();
            renderClusterOverlay(build, view, environment, objects, environments.get(environment), output, sources);
            JobStages.of(model.spec().views().get(view), viewObjects.get(view).of(build))
                    .ifPresent(stages -> renderJobStage(build, view, stages, output, sources));
        });
    }

    /**
     * {@code <app>/kustomize/overlays/<cluster>/}: a cluster's view as an overlay of its
     * environment's ({@code ../<env>}), holding only what the cluster's overrides change — the
     * objects only it has, a JSON 6902 patch of each object that differs, and a {@code $patch:
     * delete} of each object it does not have. Its sops Secrets are its environment's, applied by
     * that overlay (the loader rejects a cluster's own sops file).
     */
    private void renderClusterOverlay(KustomizeBuild build, String view, String environment, SortedMap<ObjectKey, HasMetadata> objects,
                                      SortedMap<ObjectKey, HasMetadata> inherited, OutputTree output, Set<String> sources) {
        String directory = build.overlay(view);
        List<String> resources = new ArrayList<>(List.of("../" + environment));
        List<KustomizationFile.Patch> patches = new ArrayList<>();
        objects.forEach((key, object) -> {
            HasMetadata under = inherited.get(key);
            if (under == null) {
                String file = key.fileStem() + ".yaml";
                output.add(directory + file, yaml.write(object), sources);
                resources.add(file);
                return;
            }
            byte[] json = yaml.json(object);
            byte[] underJson = yaml.json(under);
            if (under == object || Arrays.equals(json, underJson)) {
                return;
            }
            List<ObjectDiff.Operation> operations = diff.diff(yaml.tree(underJson, under), yaml.tree(json, object));
            if (!operations.isEmpty()) {
                String patch = "patches/" + key.fileStem() + ".yaml";
                output.add(directory + patch, yaml.write(ObjectDiff.toJsonPatch(operations)), sources);
                patches.add(new KustomizationFile.Patch(patch, key));
            }
        });
        inherited.keySet().stream().filter(key -> !objects.containsKey(key)).forEach(key -> {
            String patch = "patches/" + key.fileStem() + ".yaml";
            output.add(directory + patch, yaml.write(deletion(key)), sources);
            patches.add(new KustomizationFile.Patch(patch, key));
        });
        patches.sort(Comparator.comparing(KustomizationFile.Patch::target));
        output.add(directory + "kustomization.yaml", yaml.write(new KustomizationFile(resources, patches).toTree()), sources);
    }

    /** A strategic-merge patch that deletes the object of {@code key} ({@code $patch: delete}). */
    private static ObjectNode deletion(ObjectKey key) {
        ObjectNode deletion = JsonNodeFactory.instance.objectNode();
        deletion.put("$patch", "delete");
        deletion.put("apiVersion", key.apiVersion());
        deletion.put("kind", key.kind());
        deletion.putObject("metadata").put("name", key.name()).put("namespace", key.namespace());
        return deletion;
    }

    /**
     * {@code <app>/kustomize/jobs/<env>/}: the environment's overlay with the workloads that wait
     * for its jobs deleted ({@code $patch: delete}, one patch file each), which Flux applies first.
     */
    private void renderJobStage(KustomizeBuild build, String env, JobStages stages, OutputTree output, Set<String> sources) {
        String directory = build.jobs(env);
        List<KustomizationFile.Patch> patches = new ArrayList<>();
        for (ObjectKey held : stages.heldBack()) {
            String patch = "patches/" + held.fileStem() + ".yaml";
            output.add(directory + patch, yaml.write(deletion(held)), sources);
            patches.add(new KustomizationFile.Patch(patch, held));
        }
        output.add(directory + "kustomization.yaml",
                yaml.write(new KustomizationFile(List.of("../../overlays/" + env), patches).toTree()), sources);
    }

    /** One environment's overlay as it is assembled: its directory, resources and patches in key order. */
    private record Overlay(String directory, List<String> resources, List<KustomizationFile.Patch> patches) {
        Overlay(String directory) {
            this(directory, new ArrayList<>(List.of("../../base")), new ArrayList<>());
        }
    }

    /** The objects by key, sorted; rejects duplicate keys and duplicate file names. */
    private static SortedMap<ObjectKey, HasMetadata> index(List<HasMetadata> objects, String view) {
        SortedMap<ObjectKey, HasMetadata> byKey = new TreeMap<>();
        Map<String, ObjectKey> byFile = new HashMap<>();
        for (HasMetadata object : objects) {
            ObjectKey key = ObjectKey.of(object);
            if (byKey.putIfAbsent(key, object) != null) {
                throw new IllegalStateException("the model's " + view + " list " + key + " twice");
            }
            ObjectKey clash = byFile.putIfAbsent(key.fileStem(), key);
            if (clash != null) {
                throw new IllegalStateException("the model's " + view + " objects " + clash + " and " + key
                        + " would both be written to " + key.fileStem() + ".yaml");
            }
        }
        return byKey;
    }
}
