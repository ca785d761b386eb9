package dev.shipshape.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Annotations that keep an object holding data when its delivery would otherwise delete it: Flux's
 * garbage collection skips objects annotated {@code kustomize.toolkit.fluxcd.io/prune: disabled}
 * (fluxcd.io/flux/components/kustomize/kustomizations/#prune), and {@code helm uninstall} keeps those
 * annotated {@code helm.sh/resource-policy: keep} (helm.sh/docs/howto/charts_tips_and_tricks). The
 * application's Namespace carries both: deleting it would delete every PersistentVolumeClaim in it,
 * and with a {@code Delete} reclaim policy their volumes, when an overlay path is moved or renamed,
 * an application is removed from a cluster or its release is uninstalled. So do the claims of
 * Deployments, Jobs and CronJobs ({@link VolumeClaims#protectedClaim}), which, unlike a StatefulSet's,
 * are objects of the delivery itself: removing a volume from the spec leaves its claim and data in place.
 */
public final class DeletionProtection {

    /** Flux: never prune the object. */
    public static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";
    /** Helm: keep the object on uninstall and upgrade. */
    public static final String HELM_RESOURCE_POLICY = "helm.sh/resource-policy";

    private DeletionProtection() {
    }

    /** The annotations of an object that no delivery may delete, sorted by key. */
    public static Map<String, String> annotations() {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(HELM_RESOURCE_POLICY, "keep");
        annotations.put(FLUX_PRUNE, "disabled");
        return annotations;
    }
}
