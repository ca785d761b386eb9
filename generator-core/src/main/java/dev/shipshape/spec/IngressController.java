package dev.shipshape.spec;

import java.util.Locale;

/**
 * The cluster's ingress controller.
 *
 * @param className  the IngressClass name
 * @param namespace  the namespace its pods run in (admitted by the NetworkPolicies)
 * @param controller the controller implementation behind the class, which decides the annotations
 *                   shipshape writes ({@code spec.ingress.controller}, defaulted from the class name by {@link Controller#fromClassName})
 */
public record IngressController(String className, String namespace, Controller controller) {

    /** The ingress controllers whose annotations shipshape knows. */
    public enum Controller {
        /** ingress-nginx (kubernetes.github.io/ingress-nginx). */
        NGINX,
        /** Traefik's Kubernetes Ingress provider (doc.traefik.io). */
        TRAEFIK,
        /** GKE Ingress (ingress-gce). */
        GCE,
        /** Any other controller: no controller annotations; it learns gRPC and HTTPS backends from the Service port's appProtocol. */
        OTHER;

        /**
         * The controller of an IngressClass name, when the spec does not say: a name containing
         * {@code nginx} is ingress-nginx (its chart's class is {@code nginx}), one containing
         * {@code traefik} Traefik (its chart's class is {@code traefik}), {@code gce} or
         * {@code gce-internal} GKE's; any other name {@link #OTHER}.
         */
        public static Controller fromClassName(String className) {
            String name = className.toLowerCase(Locale.ROOT);
            if (name.contains("nginx")) {
                return NGINX;
            }
            if (name.contains("traefik")) {
                return TRAEFIK;
            }
            return name.equals("gce") || name.equals("gce-internal") ? GCE : OTHER;
        }

        /** The spec's name: {@code nginx}, {@code traefik}, {@code gce} or {@code other}. */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A controller whose implementation follows from its class name ({@link Controller#fromClassName}). */
    public IngressController(String className, String namespace) {
        this(className, namespace, Controller.fromClassName(className));
    }
}
