package dev.shipshape.model;

import dev.shipshape.spec.Autoscaling;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;

/** HorizontalPodAutoscalers (autoscaling/v2) of Deployments. */
public final class Autoscalers {

    private Autoscalers() {
    }

    /**
     * An HPA that keeps the Deployment's average CPU utilization at the target.
     *
     * @param metadata   the HPA's metadata (named like the Deployment)
     * @param deployment the Deployment it scales
     * @param scaling    bounds and target (percent of the CPU request)
     */
    public static HorizontalPodAutoscaler cpu(ObjectMeta metadata, String deployment, Autoscaling scaling) {
        return new HorizontalPodAutoscalerBuilder().withMetadata(metadata)
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(deployment)
                .endScaleTargetRef()
                .withMinReplicas(scaling.minReplicas())
                .withMaxReplicas(scaling.maxReplicas())
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget().withType("Utilization").withAverageUtilization(scaling.targetCPUUtilization())
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build();
    }
}
