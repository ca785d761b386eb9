package dev.shipshape.spec;

/**
 * HorizontalPodAutoscaler bounds.
 *
 * @param minReplicas           at least 1
 * @param maxReplicas           at least {@code minReplicas}
 * @param targetCPUUtilization  average CPU utilization target, percent of the request (1-100)
 */
public record Autoscaling(int minReplicas, int maxReplicas, int targetCPUUtilization) {
}
