package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/**
 * One ServiceAccount per workload, so no pod runs as {@code default} (kube-linter
 * {@code default-service-account}); its token is mounted only where the pod calls the API.
 */
public final class ServiceAccounts {

    private ServiceAccounts() {
    }

    /**
     * @param metadata            its name, namespace and labels
     * @param mountApiCredentials {@code automountServiceAccountToken}
     */
    public static ServiceAccount of(ObjectMeta metadata, boolean mountApiCredentials) {
        return new ServiceAccountBuilder().withMetadata(metadata).withAutomountServiceAccountToken(mountApiCredentials).build();
    }
}
