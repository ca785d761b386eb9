package dev.shipshape.model.platform;

import dev.shipshape.model.PublicRoutes;

/**
 * Something an application object needs from its cluster beyond what Kubernetes and Flux have built in.
 */
public sealed interface Capability extends Comparable<Capability> {

    /** How the capability reads in the runbook and in errors. */
    String description();

    @Override
    default int compareTo(Capability other) {
        return description().compareTo(other.description());
    }

    /** The CRDs (and the controller acting on them) of an API group, e.g. {@code cert-manager.io}. */
    record ApiGroup(String group) implements Capability {
        @Override
        public String description() {
            return "API group " + group;
        }
    }

    /** A controller serving Ingresses of an IngressClass. */
    record IngressClass(String name) implements Capability {
        @Override
        public String description() {
            return "IngressClass " + name;
        }
    }

    /** A controller that creates the DNS records objects ask for by annotation (external-dns). */
    record DnsRecords() implements Capability {
        @Override
        public String description() {
            return "DNS records from the " + PublicRoutes.DNS_HOSTNAME + " annotation";
        }
    }
}
