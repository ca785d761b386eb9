package dev.shipshape.spec;

import java.util.List;

/** Pod templates for hand-built test components. */
public final class TestPods {

    private TestPods() {
    }

    /** The pod settings of a spec that writes only {@code image}: uid 10001, read-only root, {@code /tmp} writable. */
    public static PodTemplate image(ImageReference image) {
        return PodTemplate.of(new ContainerProcess(image, List.of(), List.of()),
                new ContainerSecurity(ContainerSecurity.DEFAULT_USER, ContainerSecurity.DEFAULT_USER, ContainerSecurity.DEFAULT_USER, true, List.of()));
    }
}
