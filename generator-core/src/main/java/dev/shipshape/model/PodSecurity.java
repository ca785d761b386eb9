package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How pods run: the Pod Security Standard {@code restricted} profile
 * (kubernetes.io/docs/concepts/security/pod-security-standards) enforced on the namespace and
 * met by every pod and container — non-root with a fixed non-zero user, group and fsGroup,
 * {@code RuntimeDefault} seccomp, no privilege escalation, every capability dropped and a
 * read-only root file system.
 *
 * @param uid     the user id the pods run as; never 0
 * @param gid     the primary group id
 * @param fsGroup the group that owns mounted volumes
 */
public record PodSecurity(long uid, long gid, long fsGroup) {

    /** Application images (web components, the backup uploader): an unprivileged id no image reserves. */
    public static final PodSecurity APPLICATION = new PodSecurity(10001);
    /** The official postgres image's {@code postgres} user and group (docker-library/postgres Dockerfile). */
    public static final PodSecurity POSTGRES = new PodSecurity(999);
    /** The official Prometheus image's {@code nobody} user (prometheus/prometheus Dockerfile). */
    public static final PodSecurity PROMETHEUS = new PodSecurity(65534);

    /** The Pod Security Standard level enforced, audited and warned on in the namespace. */
    public static final String LEVEL = "restricted";

    /** @throws IllegalArgumentException for uid 0 or a negative id */
    public PodSecurity {
        if (uid <= 0 || gid < 0 || fsGroup < 0) {
            throw new IllegalArgumentException("pods must run as a non-zero uid and non-negative groups, got " + uid + ":" + gid + ", fsGroup " + fsGroup);
        }
    }

    /** A user whose id is also its group and fsGroup. */
    public PodSecurity(long uid) {
        this(uid, uid, uid);
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
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withRunAsUser(uid)
                .withRunAsGroup(gid)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
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
