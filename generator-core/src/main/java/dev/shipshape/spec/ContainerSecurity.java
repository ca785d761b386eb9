package dev.shipshape.spec;

import java.util.List;

/**
 * A component's {@code securityContext} as the spec writes it, defaults applied: the identity its
 * pods run as and the few switches the Pod Security Standard {@code restricted} leaves open.
 *
 * @param runAsUser              the uid of the image's user, never 0 (10001 for application kinds when left out)
 * @param runAsGroup             its primary group (defaults to {@code runAsUser})
 * @param fsGroup                the group that owns mounted volumes (defaults to {@code runAsGroup})
 * @param readOnlyRootFilesystem whether the root file system is read-only (default {@code true})
 * @param addCapabilities        capabilities added back after {@code drop: [ALL]}, in spec order;
 *                               {@code restricted} allows only {@value #NET_BIND_SERVICE}
 */
public record ContainerSecurity(long runAsUser, long runAsGroup, long fsGroup, boolean readOnlyRootFilesystem,
                                List<String> addCapabilities) {

    /** The one capability the {@code restricted} Pod Security Standard lets a container add. */
    public static final String NET_BIND_SERVICE = "NET_BIND_SERVICE";
    /** The uid of application images when the spec gives none: an unprivileged id no image reserves. */
    public static final long DEFAULT_USER = 10001;

    public ContainerSecurity {
        addCapabilities = List.copyOf(addCapabilities);
    }
}
