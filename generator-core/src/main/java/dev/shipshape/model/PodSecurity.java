package dev.shipshape.model;

import dev.shipshape.spec.ContainerSecurity;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How pods run: the Pod Security Standard {@code restricted} profile
 * (kubernetes.io/docs/concepts/security/pod-security-standards) enforced on the namespace and
 * met by every pod and container — non-root with a fixed non-zero user, group and fsGroup,
 * {@code RuntimeDefault} seccomp, no privilege escalation, every capability dropped (at most
 * {@code NET_BIND_SERVICE} added back) and, unless the spec switches it off, a read-only root file system.
 *
 * @param uid                    the user id the pods run as; never 0
 * @param gid                    the primary group id
 * @param fsGroup                the group that owns mounted volumes
 * @param readOnlyRootFilesystem whether the containers' root file system is read-only
 * @param addCapabilities        capabilities added back after {@code drop: [ALL]} ({@code restricted} allows only {@code NET_BIND_SERVICE})
 */
public record PodSecurity(long uid, long gid, long fsGroup, boolean readOnlyRootFilesystem, List<String> addCapabilities) {

    /** Application images (web components, the backup uploader): an unprivileged id no image reserves. */
    public static final PodSecurity APPLICATION = new PodSecurity(ContainerSecurity.DEFAULT_USER);
    /** The official postgres image's {@code postgres} user and group (docker-library/postgres Dockerfile). */
    public static final PodSecurity POSTGRES = new PodSecurity(999);
    /** The official Prometheus image's {@code nobody} user (prometheus/prometheus Dockerfile). */
    public static final PodSecurity PROMETHEUS = new PodSecurity(65534);

    /** The Pod Security Standard level enforced, audited and warned on in the namespace. */
    public static final String LEVEL = "restricted";
    /** Ports below this one are privileged: binding them needs {@code NET_BIND_SERVICE} (Linux {@code ip_unprivileged_port_start}). */
    public static final int FIRST_UNPRIVILEGED_PORT = 1024;

    /** @throws IllegalArgumentException for uid 0 or a negative id */
    public PodSecurity {
        if (uid <= 0 || gid < 0 || fsGroup < 0) {
            throw new IllegalArgumentException("pods must run as a non-zero uid and non-negative groups, got " + uid + ":" + gid + ", fsGroup " + fsGroup);
        }
        addCapabilities = List.copyOf(addCapabilities);
    }

    /** Read-only root, no capability added back. */
    public PodSecurity(long uid, long gid, long fsGroup) {
        this(uid, gid, fsGroup, true, List.of());
    }

    /** A user whose id is also its group and fsGroup. */
    public PodSecurity(long uid) {
        this(uid, uid, uid);
    }

    /** How a component's spec {@code securityContext} runs. */
    public static PodSecurity of(ContainerSecurity spec) {
        return new PodSecurity(spec.runAsUser(), spec.runAsGroup(), spec.fsGroup(), spec.readOnlyRootFilesystem(), spec.addCapabilities());
    }

    /**
     * This security with {@code NET_BIND_SERVICE} added when a port is below
     * {@value #FIRST_UNPRIVILEGED_PORT}: a non-root process with every capability dropped cannot
     * bind it (containerd before 2.0 does not lower {@code ip_unprivileged_port_start}), and crash-loops.
     */
    public PodSecurity binding(Collection<ContainerPort> ports) {
        boolean privileged = ports.stream().anyMatch(p -> p.getContainerPort() < FIRST_UNPRIVILEGED_PORT);
        if (!privileged || addCapabilities.contains(ContainerSecurity.NET_BIND_SERVICE)) {
            return this;
        }
        List<String> added = new ArrayList<>(addCapabilities);
        added.add(ContainerSecurity.NET_BIND_SERVICE);
        return new PodSecurity(uid, gid, fsGroup, readOnlyRootFilesystem, added);
    }

    /** The pod-level securityContext. */
    public PodSecurityContext pod() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(uid)
                .withRunAsGroup(gid)
                .withFsGroup(fsGroup)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /**
     * The container-level securityContext. It repeats the pod's user and seccomp settings so every
     * container passes a per-container check on its own.
     */
    public SecurityContext container() {
        return new SecurityContextBuilder()
                .withPrivileged(false)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(readOnlyRootFilesystem)
                .withRunAsNonRoot(true)
                .withRunAsUser(uid)
                .withRunAsGroup(gid)
                .withNewCapabilities().withDrop("ALL").withAdd(addCapabilities.isEmpty() ? null : addCapabilities).endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /**
     * The application's Namespace, labelled for Pod Security admission
     * ({@code pod-security.kubernetes.io/{enforce,audit,warn}=restricted}) and protected from Flux's
     * prune and {@code helm uninstall} ({@link DeletionProtection}): it holds the volumes.
     */
    public static Namespace namespace(String name, Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("pod-security.kubernetes.io/enforce", LEVEL);
        all.put("pod-security.kubernetes.io/audit", LEVEL);
        all.put("pod-security.kubernetes.io/warn", LEVEL);
        return new NamespaceBuilder().withMetadata(Metadata.clusterScoped(name, all)).editMetadata()
                .withAnnotations(DeletionProtection.annotations()).endMetadata().build();
    }
}
