package dev.shipshape.kind.stateful;

import dev.shipshape.model.ComputeResources;
import dev.shipshape.model.EnvironmentVariables;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.NetworkPolicies;
import dev.shipshape.model.Pods;
import dev.shipshape.model.CronJobs;
import dev.shipshape.model.ServiceAccounts;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The backup of a {@code stateful} component: the CronJob {@code <c>-backup} runs the spec's command
 * in the spec's image, as the store's user, with the store's environment (its credentials) and
 * {@code STORE_HOST}/{@code STORE_PORT}; the hygiene of every scheduled job ({@link CronJobs}).
 * Its NetworkPolicy lets it reach the store on every port and object storage over HTTPS.
 */
public final class StatefulBackup {

    /** Seconds a backup run may take before it is killed. */
    public static final long DEADLINE_SECONDS = 2 * 3600;
    /** Retries of a failed run. */
    static final int BACKOFF_LIMIT = 2;


    private final KindContext context;

    StatefulBackup(KindContext context) {
        this.context = context;
    }

    /** The ServiceAccount and the CronJob. */
    List<HasMetadata> objects(StatefulComponent store) {
        StatefulComponent.StoreBackup backup = store.backup();
        Map<String, String> podLabels = context.labels().derived(store.backupName(), "backup", backup.image());
        List<EnvVar> environment = new ArrayList<>(context.env().of(store.env()));
        environment.add(EnvironmentVariables.literal("STORE_HOST", store.name()));
        environment.add(EnvironmentVariables.literal("STORE_PORT", Integer.toString(store.port())));
        var container = Pods.container("backup", backup.image(), StatefulObjects.backupSecurity(store))
                .withCommand(backup.command())
                .withEnv(environment)
                .withResources(ComputeResources.of("100m", "256Mi", null, "512Mi"))
                .withVolumeMounts(Pods.mount("tmp", "/tmp"))
                .build();
        var pod = Pods.spec(store.backupName(), false, StatefulObjects.backupSecurity(store))
                .withRestartPolicy("OnFailure")
                .withContainers(container)
                .withVolumes(Pods.scratch("tmp"))
                .build();
        return List.of(
                ServiceAccounts.of(context.metadata().of(store.backupName(), podLabels), false),
                CronJobs.of(context.metadata().of(store.backupName(), podLabels), podLabels,
                        CronJobs.Settings.forbid(backup.schedule(), false, BACKOFF_LIMIT, DEADLINE_SECONDS), pod));
    }

    /** The backup pods' policy: no ingress; egress to the store's ports and HTTPS to any address (object storage). */
    NetworkPolicy networkPolicy(StatefulComponent store, NetworkPolicies policies) {
        var egress = new ArrayList<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule>();
        egress.add(new NetworkPolicyEgressRuleBuilder().withTo(NetworkPolicies.pods(context.labels().selector(store)))
                .withPorts(StatefulObjects.policyPorts(store)).build());
        egress.add(NetworkPolicies.toObjectStorage());
        return policies.policy(store.backupName(), context.labels().derived(store.backupName(), "backup", store.backup().image()),
                context.labels().selector(store.backupName()), List.of(), egress);
    }
}
