package dev.shipshape.model;

import dev.shipshape.spec.PodVolume;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.Map;

/**
 * PersistentVolumeClaims: the claim templates of StatefulSets (one volume per pod) and the claims
 * of Deployments, Jobs and CronJobs (one volume their pods share), which carry
 * {@link DeletionProtection} so no prune or uninstall deletes the data.
 */
public final class VolumeClaims {

    /** The name of the data volume claim template of the StatefulSets shipshape emits. */
    public static final String DATA = "data";

    private VolumeClaims() {
    }

    /**
     * A ReadWriteOnce claim template.
     *
     * @param name         the template's name (the pods' volume name)
     * @param storage      requested size, bytes (Kubernetes quantity, for example {@code 10Gi})
     * @param storageClass the StorageClass, or {@code null} for the cluster default
     * @param labels       the claim's labels (the workload's selector)
     */
    public static PersistentVolumeClaim readWriteOnce(String name, String storage, String storageClass, Map<String, String> labels) {
        return template(name, new PodVolume.Claim(storage, storageClass, PodVolume.READ_WRITE_ONCE), labels);
    }

    /** A claim template of a StatefulSet: its name is the pods' volume name, its labels the workload's selector. */
    public static PersistentVolumeClaim template(String name, PodVolume.Claim claim, Map<String, String> labels) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withSpec(spec(claim))
                .build();
    }

    /** A claim of its own (a Deployment's, Job's or CronJob's volume), protected from prune and uninstall. */
    public static PersistentVolumeClaim protectedClaim(ObjectMeta meta, PodVolume.Claim claim) {
        return new PersistentVolumeClaimBuilder().withMetadata(meta)
                .editMetadata().addToAnnotations(DeletionProtection.annotations()).endMetadata()
                .withSpec(spec(claim))
                .build();
    }

    private static PersistentVolumeClaimSpec spec(PodVolume.Claim claim) {
        return new PersistentVolumeClaimSpecBuilder()
                .withAccessModes(claim.accessMode())
                .withStorageClassName(claim.storageClass())
                .withNewResources().addToRequests("storage", new Quantity(claim.size())).endResources()
                .build();
    }
}
