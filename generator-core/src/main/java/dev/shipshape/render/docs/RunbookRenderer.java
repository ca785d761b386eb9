package dev.shipshape.render.docs;

import com.github.mustachejava.Mustache;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.output.OutputTree;
import dev.shipshape.render.Renderer;

import java.io.StringWriter;
import java.util.List;
import java.util.Set;

/**
 * Renders an application's disaster-recovery runbook, {@code <app>/RUNBOOK.md}: its components,
 * environments and clusters; per database where backups go, their schedule, retention and implied
 * recovery point objective, how to check the last backup, restore it and drill the restore; full
 * cluster recovery through Flux; region failover; certificates.
 *
 * <p>The text comes from the mustache template {@code dev/shipshape/render/docs/runbook.mustache}
 * and its partials, filled from view-model records without HTML escaping (the output is Markdown).
 * The output holds no date and depends only on the spec, so it is byte-identical across runs.
 * The commands it prints assume the object names the model emits: CronJobs {@code <db>-backup},
 * {@code <db>-restore} (suspended) and {@code <db>-restore-drill}, and Flux objects named after the
 * application in {@code flux-system}.
 */
public final class RunbookRenderer implements Renderer {

    private static final String TEMPLATE_ROOT = "dev/shipshape/render/docs";

    private final Mustache template;

    /**
     * Compiles the template once; a renderer can then be used for any number of specs.
     *
     * @throws com.github.mustachejava.MustacheNotFoundException if the template is missing from the class path
     */
    public RunbookRenderer() {
        this.template = new MarkdownMustacheFactory(TEMPLATE_ROOT).compile("runbook.mustache");
    }

    /**
     * Adds {@code <app>/RUNBOOK.md} to {@code output}.
     *
     * @param model  a built model
     * @param output the tree to add to
     * @throws IllegalArgumentException if {@code output} already has that file, or a backup schedule is not valid cron
     */
    public void render(ApplicationModel model, OutputTree output) {
        output.add(model.layout().runbook(), markdown(model), Set.of(model.source()));
    }

    /** Adds every application's runbook. */
    @Override
    public void render(List<ApplicationModel> models, OutputTree output) {
        models.forEach(model -> render(model, output));
    }

    /**
     * The runbook's Markdown text, with {@code \n} line ends.
     *
     * @param model a built model
     * @throws IllegalArgumentException if a backup schedule is not valid cron
     */
    public String markdown(ApplicationModel model) {
        StringWriter out = new StringWriter();
        template.execute(out, new RunbookViewBuilder(model).build());
        return out.toString();
    }
}
