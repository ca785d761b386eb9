package dev.shipshape.model;

import java.util.Optional;

/**
 * One Kustomize build of an application, decided by {@link OutputLayout}: the main build
 * ({@code <app>/kustomize/}: the application-wide objects and every ungrouped component's) or a
 * component group's ({@code <app>/kustomize/groups/<group>/}, {@link dev.shipshape.spec.ComponentGroups}).
 * Each has the same shape under its root, so one renderer writes them all:
 * <pre>
 * &lt;root&gt;base/              {@link #base()}
 * &lt;root&gt;overlays/&lt;view&gt;/    {@link #overlay(String)}: an environment's on ../../base, a cluster's on ../&lt;env&gt;
 * &lt;root&gt;jobs/&lt;view&gt;/        {@link #jobs(String)}: the overlay without the workloads its jobs hold back
 * </pre>
 *
 * @param group the group's name, or {@code null} for the main build
 * @param root  the build's folder relative to the output directory, with a trailing {@code /}
 */
public record KustomizeBuild(String group, String root) {

    /** The group of a group's build, or empty for the main build. */
    public Optional<String> groupName() {
        return Optional.ofNullable(group);
    }

    /** Whether this is the application's main build (the Namespace and every application-wide object). */
    public boolean isMain() {
        return group == null;
    }

    /** {@code <root>base/}. */
    public String base() {
        return root + "base/";
    }

    /** {@code <root>overlays/<view>/}. */
    public String overlay(String view) {
        return root + "overlays/" + view + "/";
    }

    /** {@code <root>jobs/<view>/}: the view's overlay without the workloads that wait for its jobs ({@link JobStages}). */
    public String jobs(String view) {
        return root + "jobs/" + view + "/";
    }
}
