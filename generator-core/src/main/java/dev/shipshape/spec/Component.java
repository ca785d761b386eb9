package dev.shipshape.spec;

import java.util.List;

/**
 * A part of an application that runs as its own workload: a web service, a PostgreSQL
 * database or the application's Prometheus server.
 */
public sealed interface Component permits WebComponent, PostgresComponent, PrometheusComponent {

    /** DNS-1123 label, unique in the application; names the workload, Service and ServiceAccount. */
    String name();

    /** Where the component is declared in the spec. */
    Location location();

    /** Requests and limits of the main container. */
    Resources resources();

    /** The names of the components this one connects to (each gets one NetworkPolicy egress rule). */
    List<String> uses();

    /** The port other components connect to (the Service port). */
    int servicePort();

    /** The value of the {@code app.kubernetes.io/component} label. */
    String role();

    /**
     * The names shipshape gives to objects and pods it derives from this component besides
     * {@link #name()} (for example {@code <db>-backup}); no other component may be named so, or
     * its objects and pod selectors would collide with them.
     */
    List<String> derivedNames();
}
