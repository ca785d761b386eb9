package dev.shipshape.spec;

import java.util.List;

/**
 * What an application container runs, as a spec writes it: the image and, to run another process
 * of the same image (a web component's image as a queue worker or a scheduled task), its
 * {@code command} (the image's ENTRYPOINT replaced), {@code args} (its CMD replaced) and
 * {@code workingDir} (its WORKDIR replaced), as in a Kubernetes container.
 *
 * @param image      the container image
 * @param command    the entrypoint, empty to keep the image's
 * @param args       the arguments, empty to keep the image's
 * @param workingDir the working directory (an absolute path), or {@code null} to keep the image's
 */
public record ContainerProcess(ImageReference image, List<String> command, List<String> args, String workingDir) {

    public ContainerProcess {
        command = List.copyOf(command);
        args = List.copyOf(args);
    }

    /** A process with the image's working directory. */
    public ContainerProcess(ImageReference image, List<String> command, List<String> args) {
        this(image, command, args, null);
    }
}
