package dev.shipshape.model;

import dev.shipshape.spec.ServedPort;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

/** Service ports that target container ports by name, so a container port can move without editing the Service. */
public final class ServicePorts {

    private ServicePorts() {
    }

    /**
     * A TCP Service port.
     *
     * @param name           the Service port's name
     * @param port           the port the Service listens on (1-65535)
     * @param targetPortName the name of the container port it forwards to
     */
    public static ServicePort tcp(String name, int port, String targetPortName) {
        return new ServicePortBuilder().withName(name).withPort(port).withProtocol("TCP")
                .withTargetPort(new IntOrString(targetPortName)).build();
    }

    /**
     * The Service port of a served port: its name, its Service port, TCP or UDP, the
     * {@code appProtocol} of what it speaks ({@link ServedPort#appProtocol()}: {@code https} when it serves TLS), forwarding
     * to the container port of the same name.
     */
    public static ServicePort of(ServedPort served) {
        return new ServicePortBuilder().withName(served.name()).withPort(served.servicePort()).withProtocol(served.protocol().transport())
                .withAppProtocol(served.appProtocol())
                .withTargetPort(new IntOrString(served.name())).build();
    }

    /** The container port of a served port: its name, its container port, TCP or UDP. */
    public static ContainerPort container(ServedPort served) {
        return new ContainerPortBuilder().withName(served.name()).withContainerPort(served.port())
                .withProtocol(served.protocol().transport()).build();
    }
}
