package dev.shipshape.kind.cache;

import dev.shipshape.model.ComputeResources;
import dev.shipshape.model.DisruptionBudgets;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.PodSecurity;
import dev.shipshape.model.Pods;
import dev.shipshape.model.Probes;
import dev.shipshape.model.ServiceAccounts;
import dev.shipshape.model.ServicePorts;
import dev.shipshape.model.StatefulSets;
import dev.shipshape.model.VolumeClaims;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An in-cluster Redis or Valkey server: ServiceAccount, a one-replica StatefulSet, the headless
 * governing Service {@code <c>-headless}, the ClusterIP Service {@code <c>} on 6379 and a
 * PodDisruptionBudget. The official images run as their {@code redis}/{@code valkey} user, uid 999,
 * on a read-only root file system; the server writes only to {@code /data}, a volume claim with
 * persistence ({@code --appendonly yes}) or an {@code emptyDir} without ({@code --save ""}, nothing
 * written). The password is read from the secret into the environment and handed to
 * {@code --requirepass} through the kubelet's {@code $(VAR)} expansion, so the manifest never holds
 * it; {@code REDISCLI_AUTH} lets the exec probes authenticate.
 */
public final class CacheObjects {

    /** The {@code redis} user and group of the official Redis and Valkey images. */
    public static final PodSecurity SECURITY = new PodSecurity(999);
    /** The container and Service port name. */
    public static final String PORT_NAME = "redis";
    /** The server's working directory: the append-only file and snapshots. */
    public static final String DATA_DIRECTORY = "/data";
    /** The environment variable holding the password, expanded into {@code --requirepass}. */
    static final String PASSWORD_ENV = "CACHE_PASSWORD";
    /** Share of the memory limit the server may use for keys when {@code maxmemory} is not set, percent. */
    static final int MEMORY_SHARE = 75;
    /** The same with persistence: an append-only file rewrite forks, and the fork's copied pages count too. */
    static final int PERSISTENT_MEMORY_SHARE = 50;


    private final KindContext context;

    CacheObjects(KindContext context) {
        this.context = context;
    }

    /** The in-cluster server's objects. */
    List<HasMetadata> objects(CacheComponent cache) {
        Map<String, String> own = context.labels().component(cache);
        Map<String, String> selector = context.labels().selector(cache);
        List<ServicePort> ports = List.of(ServicePorts.tcp(PORT_NAME, CacheComponent.DEFAULT_PORT, PORT_NAME));
        return List.of(
                ServiceAccounts.of(context.metadata().of(cache.name(), own), false),
                statefulSet(cache),
                StatefulSets.headless(context.metadata().of(cache.headlessName(), own), selector, ports),
                StatefulSets.clusterIp(context.metadata().of(cache.name(), own), selector, ports),
                DisruptionBudgets.oneAtATime(context.metadata().of(cache.name(), own), selector));
    }

    /** The server's arguments: port, data directory, memory cap and policy, persistence, password. */
    List<String> arguments(CacheComponent cache) {
        List<String> args = new ArrayList<>(List.of(
                "--port", Integer.toString(CacheComponent.DEFAULT_PORT),
                "--dir", DATA_DIRECTORY,
                // the NetworkPolicy admits only the cache's users; protected mode would refuse them without a password
                "--protected-mode", "no",
                "--maxmemory", Long.toString(maxmemoryBytes(cache)),
                "--maxmemory-policy", cache.maxmemoryPolicy()));
        if (cache.persistence() != null) {
            args.addAll(List.of("--appendonly", "yes"));
        } else {
            args.addAll(List.of("--appendonly", "no", "--save", ""));
        }
        if (cache.password() != null) {
            args.addAll(List.of("--requirepass", "$(" + PASSWORD_ENV + ")"));
        }
        return args;
    }

    /** {@code maxmemory}, else a share of the memory limit ({@link #MEMORY_SHARE}, {@link #PERSISTENT_MEMORY_SHARE}). */
    static long maxmemoryBytes(CacheComponent cache) {
        if (cache.maxmemory() != null) {
            return CacheKind.bytes(cache.maxmemory());
        }
        int share = cache.persistence() != null ? PERSISTENT_MEMORY_SHARE : MEMORY_SHARE;
        return CacheKind.bytes(cache.resources().memoryLimit()) * share / 100;
    }

    private StatefulSet statefulSet(CacheComponent cache) {
        List<String> ping = List.of("sh", "-c", cache.engine().cli() + " -h 127.0.0.1 -p " + CacheComponent.DEFAULT_PORT
                + " ping | grep -q PONG");
        List<EnvVar> environment = new ArrayList<>();
        if (cache.password() != null) {
            List<String> names = new ArrayList<>(List.of(PASSWORD_ENV, "REDISCLI_AUTH"));
            if (cache.engine() == CacheComponent.Engine.VALKEY) {
                names.add("VALKEYCLI_AUTH");
            }
            names.forEach(name -> environment.add(context.env().secretKey(name, cache.password().secret(), cache.password().key(), cache.location())));
        }
        var container = Pods.container(cache.name(), cache.image(), SECURITY)
                .withCommand(cache.engine().server())
                .withArgs(arguments(cache))
                .withPorts(Pods.port(PORT_NAME, CacheComponent.DEFAULT_PORT))
                .withEnv(environment)
                .withResources(ComputeResources.of(cache.resources()))
                // loading a large append-only file answers LOADING, not PONG: up to 10 minutes
                .withStartupProbe(Probes.exec(ping, Probes.SLOW_STARTUP))
                .withReadinessProbe(Probes.exec(ping, Probes.READINESS))
                .withLivenessProbe(Probes.exec(ping, Probes.LIVENESS))
                .withVolumeMounts(Pods.mount(VolumeClaims.DATA, DATA_DIRECTORY))
                .build();
        List<Volume> volumes = cache.persistence() == null ? List.of(Pods.scratch(VolumeClaims.DATA)) : List.of();
        List<PersistentVolumeClaim> claims = cache.persistence() == null ? List.of()
                : List.of(VolumeClaims.readWriteOnce(VolumeClaims.DATA, cache.persistence().size(), cache.persistence().storageClass(),
                        context.labels().selector(cache)));
        return StatefulSets.of(context.meta(cache), context.labels().component(cache), Map.of(),
                context.labels().selector(cache), cache.headlessName(), 1,
                Pods.spec(cache.name(), false, SECURITY).withContainers(container).withVolumes(volumes).build(), claims);
    }
}
