package dev.shipshape.render.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.OutputLayout;
import dev.shipshape.output.OutputTree;
import dev.shipshape.render.ObjectDiff;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.render.Renderer;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * Renders each application as a Helm chart, from the same model as the Kustomize output:
 * <pre>
 * &lt;app&gt;/helm/&lt;app&gt;/Chart.yaml                 apiVersion v2, version = the spec's version
 * &lt;app&gt;/helm/&lt;app&gt;/values.yaml                the default view (what the Kustomize base holds), each key described
 * &lt;app&gt;/helm/&lt;app&gt;/values-&lt;env&gt;.yaml          only what that environment changes
 * &lt;app&gt;/helm/&lt;app&gt;/values-&lt;cluster&gt;.yaml      a cluster with overrides: only what it changes over values-&lt;env&gt;.yaml
 * &lt;app&gt;/helm/&lt;app&gt;/values.schema.json         types, required keys, minimums
 * &lt;app&gt;/helm/&lt;app&gt;/templates/_helpers.tpl     selector and Helm labels
 * &lt;app&gt;/helm/&lt;app&gt;/templates/&lt;kind&gt;-&lt;name&gt;.yaml   one template per object
 * &lt;app&gt;/helm/&lt;app&gt;/templates/NOTES.txt
 * &lt;app&gt;/helm/&lt;app&gt;/README.md                  install and the values table
 * </pre>
 * {@code helm template <app> <chart> -f values-<env>.yaml} yields the environment's objects of
 * the model, which are the objects of {@code kubectl kustomize overlays/<env>}, apart from
 * Helm's {@code helm.sh/chart} and {@code app.kubernetes.io/managed-by} labels. Which fields are
 * values and how they are named is decided by {@link ChartPlanner}; templates are written by
 * {@link TemplateWriter}.
 */
public final class HelmRenderer implements Renderer {

    private final ObjectYaml yaml;
    private final ChartPlanner planner;
    private final TemplateWriter templates;
    private final ValuesFile valuesFile;
    private final ChartText text = new ChartText();
    private final ObjectWriter json;

    /**
     * @param yaml the YAML writer shared by the renderers
     * @param diff the object diff shared by the renderers
     */
    public HelmRenderer(ObjectYaml yaml, ObjectDiff diff) {
        this.yaml = yaml;
        this.planner = new ChartPlanner(yaml, diff);
        this.templates = new TemplateWriter(yaml);
        this.valuesFile = new ValuesFile(yaml);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        this.json = JsonMapper.builder().build().writer(new DefaultPrettyPrinter()
                .withObjectIndenter(indenter).withArrayIndenter(indenter)
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
    }

    @Override
    public void render(List<ApplicationModel> models, OutputTree output) {
        models.forEach(model -> render(model, output));
    }

    /**
     * Adds one application's chart.
     *
     * @throws IllegalStateException if the model lists an object twice in one view
     */
    public void render(ApplicationModel model, OutputTree output) {
        ChartPlan chart = planner.plan(model);
        String root = model.layout().chart();
        String specFile = model.source();
        Set<String> sources = Set.of(specFile);
        output.add(root + "Chart.yaml", text.chartYaml(chart), sources);
        ObjectNode defaults = chart.valuesOf(null);
        output.add(root + "values.yaml", valuesFile.write(chart), sources);
        for (String view : chart.environments()) {
            // a cluster's values file is read after its environment's, so it holds what the cluster changes there
            ObjectNode under = model.spec().parentOf(view).map(chart::valuesOf).orElse(defaults);
            output.add(root + OutputLayout.valuesFile(view), yaml.write(ValuesOverride.of(under, chart.valuesOf(view))), sources);
        }
        output.add(root + "values.schema.json", json(ValuesSchema.of(chart)), sources);
        output.add(root + "templates/_helpers.tpl", text.helpers(chart), sources);
        for (ChartObject object : chart.objects()) {
            output.add(root + object.templatePath(), templates.write(chart.name(), object), sources);
        }
        output.add(root + "templates/NOTES.txt", text.notes(chart), sources);
        output.add(root + "README.md", text.readme(chart, specFile), sources);
    }

    private String json(ObjectNode tree) {
        try {
            return json.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }
}
