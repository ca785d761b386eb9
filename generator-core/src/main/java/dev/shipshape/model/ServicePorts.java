package dev.shipshape.model;

import dev.shipshape.spec.ServedPort;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;

import java.util.List;
import java.util.Map;

/**
 * Service ports that target container ports by name, so a container port can move without editing
 * the Service, and the LoadBalancer Service of a port exposed outside the cluster.
 */
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

    /**
     * The Service of an exposed port: a LoadBalancer admitting the port's source ranges
     * ({@code loadBalancerSourceRanges}), with {@code externalTrafficPolicy: Local} so that the pods
     * see the client's address — which the NetworkPolicy's ipBlock of the same ranges then matches
     * ({@link #admitted}) — and no node forwards to another.
     *
     * @param metadata its metadata (name {@link ServedPort#loadBalancerName})
     * @param selector the pods it forwards to
     * @param port     the exposed port
     */
    public static Service loadBalancer(ObjectMeta metadata, Map<String, String> selector, ServedPort port) {
        var spec = new ServiceBuilder().withMetadata(metadata)
                .withNewSpec()
                .withType("LoadBalancer")
                .withExternalTrafficPolicy("Local")
                .withSelector(selector)
                .withPorts(of(port));
        if (!port.expose().sourceRanges().isEmpty()) {
            spec.withLoadBalancerSourceRanges(port.expose().sourceRanges());
        }
        return spec.endSpec().build();
    }

    /** The NetworkPolicy ingress rules that admit the clients of each exposed port: its source ranges (any address without) on its pod port. */
    public static List<NetworkPolicyIngressRule> admitted(List<ServedPort> ports) {
        return ServedPort.exposed(ports).stream()
                .map(port -> NetworkPolicies.fromAddresses(port.expose().sourceRanges(), port.port(), port.protocol().transport())).toList();
    }

    /** The container port of a served port: its name, its container port, TCP or UDP. */
    public static ContainerPort container(ServedPort served) {
        return new ContainerPortBuilder().withName(served.name()).withContainerPort(served.port())
                .withProtocol(served.protocol().transport()).build();
    }
}
