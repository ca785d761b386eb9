package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

import java.util.Map;

/** PodDisruptionBudgets: a voluntary disruption (a node drain) takes one pod of a workload at a time. */
public final class DisruptionBudgets {

    private DisruptionBudgets() {
    }

    /** A PodDisruptionBudget with {@code maxUnavailable: 1} for the selected pods (Deployments and StatefulSets alike). */
    public static PodDisruptionBudget oneAtATime(ObjectMeta meta, Map<String, String> selector) {
        return new PodDisruptionBudgetBuilder().withMetadata(meta)
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withSelector(Selectors.matchLabels(selector))
                .endSpec()
                .build();
    }
}
