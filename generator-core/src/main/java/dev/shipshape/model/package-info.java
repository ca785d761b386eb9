/**
 * The Kubernetes object model of an application: {@link dev.shipshape.model.ModelBuilder} turns a
 * validated {@link dev.shipshape.spec.ApplicationSpec} into fabric8 objects for its default view
 * and each environment ({@link dev.shipshape.model.ApplicationModel}), which every renderer
 * (Kustomize, Helm, Flux) and the policy engine read. Core kinds are typed fabric8 objects; CRD
 * kinds (ServiceMonitor, PrometheusRule, Certificate, Issuer, ExternalSecret) are
 * {@code GenericKubernetesResource}s with ordered fields. One package-private class per concern
 * decides each part: labels, pod security, web workloads, public routes and TLS, PostgreSQL,
 * backups, Prometheus, alert rules, ServiceMonitors, ExternalSecrets and NetworkPolicies.
 */
package dev.shipshape.model;
