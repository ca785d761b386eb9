package dev.shipshape.spec;

import java.util.List;

/**
 * What an application container runs, as a spec writes it: the image and, to run another process
 * of the same image (a web component's image as a queue worker or a scheduled task), its
 * {@code command} (the image's ENTRYPOINT replaced) and {@code args} (its CMD replaced), as in a
 * Kubernetes container.
 *
 * @param image   the container image
 * @param command the entrypoint, empty to keep the image's
 * @param args    the arguments, empty to keep the image's
 */
public record ContainerProcess(ImageReference image, List<String> command, List<String> args) {

    public ContainerProcess {
        command = List.copyOf(command);
        args = List.copyOf(args);
    }
}
