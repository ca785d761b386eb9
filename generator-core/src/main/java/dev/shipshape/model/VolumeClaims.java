package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.Map;

/** Volume claim templates of StatefulSets: one ReadWriteOnce volume per pod. */
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
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storageClass)
                .withNewResources().addToRequests("storage", new Quantity(storage)).endResources()
                .endSpec()
                .build();
    }
}
