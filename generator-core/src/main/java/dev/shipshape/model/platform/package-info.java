/**
 * The platform layer of each cluster: the catalogue of components shipshape can install
 * ({@link dev.shipshape.model.platform.PlatformComponent}, pinned charts), the table from an
 * object to what it needs ({@link dev.shipshape.model.platform.Capabilities}), what one application
 * needs on one cluster ({@link dev.shipshape.model.platform.ClusterPlatform}, built with the
 * model's Flux objects) and the one layer a cluster's applications share
 * ({@link dev.shipshape.model.platform.PlatformLayer#merge}), which the Flux renderer writes to
 * {@code clusters/<cluster>/infrastructure/}.
 */
package dev.shipshape.model.platform;
