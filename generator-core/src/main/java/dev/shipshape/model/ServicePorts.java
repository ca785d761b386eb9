package dev.shipshape.model;

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
}
