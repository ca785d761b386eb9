package dev.shipshape.model;

import dev.shipshape.spec.SpecLoader;
import dev.shipshape.testing.InlineSpec;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.shipshape.model.ModelObjects.find;
import static dev.shipshape.model.ModelObjects.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pod settings every application kind shares ({@code spec/PodTemplate}), as the emitted objects carry them. */
class PodSettingsTest {

    private static final StrictSchemas SCHEMAS = new StrictSchemas();
    private static final SpecLoader LOADER = new SpecLoader();

    @TempDir
    Path dir;

    private static final String SPEC = """
            secrets:
              ghcr:
                externalSecret: {store: vault, data: {.dockerconfigjson: forge/ghcr}}
                type: kubernetes.io/dockerconfigjson
              certs: {existing: forge-certs, type: kubernetes.io/tls}
            components:
              web:
                type: web
                image: ghcr.io/example/forge:1.0.0
                command: [/app/forge]
                args: [web, --config, /etc/forge/app.ini]
                workingDir: /srv/forge
                port: 80
                securityContext: {runAsUser: 1000, runAsGroup: 1001, readOnlyRootFilesystem: false}
                serviceAccount:
                  annotations: {iam.gke.io/gcp-service-account: forge@example.iam.gserviceaccount.com}
                imagePullSecrets: [ghcr]
                volumes:
                  data: {mountPath: /var/lib/forge, size: 20Gi, storageClass: fast}
                  cache: {mountPath: /var/cache/forge, emptyDir: {sizeLimit: 1Gi, medium: Memory}}
                  tls: {mountPath: /etc/forge/tls, secret: certs}
                configFiles:
                  /etc/forge/app.ini: |
                    [server]
                    HTTP_PORT = 80
                writablePaths: [/tmp, /var/log/forge]
                sidecars:
                  proxy:
                    image: ghcr.io/example/proxy:2.0.0
                    args: [--listen, ":15000"]
                    ports: {proxy: 15000}
                initContainers:
                  migrate:
                    image: ghcr.io/example/forge:1.0.0
                    command: [/app/forge, migrate]
                    resources: {cpu: 200m, memory: 256Mi}
                    volumeMounts:
                      - name: data
                      - {name: tls, mountPath: /certs}
              shared:
                type: worker
                image: ghcr.io/example/forge:1.0.0
                command: [/app/forge, worker]
                replicas: 3
                strategy: Recreate
                volumes:
                  queue: {mountPath: /var/lib/queue, accessMode: ReadWriteMany}
              report:
                type: cronjob
                image: ghcr.io/example/forge:1.0.0
                schedule: "0 3 * * *"
                volumes:
                  reports: {mountPath: /reports, size: 1Gi}
              migrate:
                type: job
                image: ghcr.io/example/forge:1.0.0
                configFiles:
                  /etc/forge/migrate.ini: "steps = all"
            """;

    private List<HasMetadata> objects(String text) throws Exception {
        return InlineSpec.application("forge").model(dir, text).defaults();
    }

    @Test
    void everyObjectValidatesAgainstTheStrictSchemas() throws Exception {
        SCHEMAS.assertValid(objects(SPEC));
    }

    @Test
    void theMainContainerRunsTheSpecsProcessAsTheImagesUserAndMayBindPort80() throws Exception {
        PodSpec pod = get(objects(SPEC), Deployment.class, "web").getSpec().getTemplate().getSpec();
        assertEquals(1000L, pod.getSecurityContext().getRunAsUser());
        assertEquals(1001L, pod.getSecurityContext().getRunAsGroup());
        assertEquals(1001L, pod.getSecurityContext().getFsGroup(), "fsGroup follows runAsGroup");
        Container web = pod.getContainers().get(0);
        assertEquals(List.of("/app/forge"), web.getCommand());
        assertEquals(List.of("web", "--config", "/etc/forge/app.ini"), web.getArgs());
        assertEquals("/srv/forge", web.getWorkingDir());
        assertFalse(web.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), web.getSecurityContext().getCapabilities().getDrop());
        assertEquals(List.of("NET_BIND_SERVICE"), web.getSecurityContext().getCapabilities().getAdd(), "port 80 needs it");
        assertEquals(1000L, web.getSecurityContext().getRunAsUser());
    }

    @Test
    void volumesAreMountedFromClaimsEmptyDirsSecretsAndTheConfigMap() throws Exception {
        List<HasMetadata> objects = objects(SPEC);
        PodSpec pod = get(objects, Deployment.class, "web").getSpec().getTemplate().getSpec();
        Map<String, Volume> volumes = new java.util.LinkedHashMap<>();
        pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));
        assertEquals(List.of("data", "cache", "tls", "tmp", "writable-1", "config"), List.copyOf(volumes.keySet()));
        assertEquals("web-data", volumes.get("data").getPersistentVolumeClaim().getClaimName());
        assertEquals("Memory", volumes.get("cache").getEmptyDir().getMedium());
        assertEquals("1Gi", volumes.get("cache").getEmptyDir().getSizeLimit().toString());
        assertEquals("forge-certs", volumes.get("tls").getSecret().getSecretName(), "an existing secret by its own name");
        assertEquals("web-config", volumes.get("config").getConfigMap().getName());
        List<VolumeMount> mounts = pod.getContainers().get(0).getVolumeMounts();
        assertEquals(List.of("/var/lib/forge", "/var/cache/forge", "/etc/forge/tls", "/tmp", "/var/log/forge", "/etc/forge/app.ini"),
                mounts.stream().map(VolumeMount::getMountPath).toList());
        assertEquals(Boolean.TRUE, mounts.get(2).getReadOnly(), "secret files are read-only");
        assertNull(mounts.get(0).getReadOnly());
        assertEquals("etc_forge_app.ini", mounts.get(5).getSubPath());

        PersistentVolumeClaim claim = get(objects, PersistentVolumeClaim.class, "web-data");
        assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
        assertEquals("fast", claim.getSpec().getStorageClassName());
        assertEquals("20Gi", claim.getSpec().getResources().getRequests().get("storage").toString());
        assertEquals(DeletionProtection.annotations(), claim.getMetadata().getAnnotations(), "no prune or uninstall deletes the data");

        ConfigMap config = get(objects, ConfigMap.class, "web-config");
        assertEquals(Map.of("etc_forge_app.ini", "[server]\nHTTP_PORT = 80\n"), config.getData());
        assertEquals(ConfigChecksum.of(config.getData()),
                get(objects, Deployment.class, "web").getSpec().getTemplate().getMetadata().getAnnotations().get(ConfigChecksum.ANNOTATION));
    }

    @Test
    void aChangedConfigFileRollsThePodsAndIsANewJob() throws Exception {
        List<HasMetadata> before = objects(SPEC);
        List<HasMetadata> after = objects(SPEC.replace("HTTP_PORT = 80", "HTTP_PORT = 8080").replace("steps = all", "steps = 1"));
        assertNotEquals(get(before, Deployment.class, "web").getSpec().getTemplate().getMetadata().getAnnotations(),
                get(after, Deployment.class, "web").getSpec().getTemplate().getMetadata().getAnnotations());
        String jobBefore = before.stream().filter(Job.class::isInstance).findFirst().orElseThrow().getMetadata().getName();
        String jobAfter = after.stream().filter(Job.class::isInstance).findFirst().orElseThrow().getMetadata().getName();
        assertNotEquals(jobBefore, jobAfter, "the Job is named per content, config files included");
        assertTrue(find(after, ConfigMap.class, "migrate-config").isPresent());
    }

    @Test
    void aReadWriteOnceClaimMeansOnePodThatRecreates() throws Exception {
        Deployment web = get(objects(SPEC), Deployment.class, "web");
        assertEquals("Recreate", web.getSpec().getStrategy().getType());
        assertNull(web.getSpec().getStrategy().getRollingUpdate());
        assertEquals(1, web.getSpec().getReplicas(), "one replica by default with a ReadWriteOnce claim");
    }

    @Test
    void aReadWriteManyClaimKeepsReplicasAndTheWrittenStrategy() throws Exception {
        List<HasMetadata> objects = objects(SPEC);
        Deployment shared = get(objects, Deployment.class, "shared");
        assertEquals(3, shared.getSpec().getReplicas());
        assertEquals("Recreate", shared.getSpec().getStrategy().getType(), "strategy: Recreate as written");
        assertEquals(List.of("ReadWriteMany"), get(objects, PersistentVolumeClaim.class, "shared-queue").getSpec().getAccessModes());
        CronJob report = get(objects, CronJob.class, "report");
        assertEquals("report-reports", report.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getVolumes().get(0)
                .getPersistentVolumeClaim().getClaimName());
        assertTrue(find(objects, PersistentVolumeClaim.class, "report-reports").isPresent());
    }

    @Test
    void sidecarsAreNativeAndRunBeforeInitContainersUnderThePodsSecurity() throws Exception {
        PodSpec pod = get(objects(SPEC), Deployment.class, "web").getSpec().getTemplate().getSpec();
        List<Container> init = pod.getInitContainers();
        assertEquals(List.of("proxy", "migrate"), init.stream().map(Container::getName).toList());
        Container proxy = init.get(0);
        assertEquals("Always", proxy.getRestartPolicy());
        assertEquals(15000, proxy.getPorts().get(0).getContainerPort());
        assertNull(proxy.getSecurityContext().getCapabilities().getAdd(), "port 15000 needs no capability");
        assertEquals(1000L, proxy.getSecurityContext().getRunAsUser());
        assertEquals("50m", proxy.getResources().getRequests().get("cpu").toString());
        assertEquals("64Mi", proxy.getResources().getLimits().get("memory").toString());
        Container migrate = init.get(1);
        assertNull(migrate.getRestartPolicy());
        assertEquals(List.of("/app/forge", "migrate"), migrate.getCommand());
        assertEquals("256Mi", migrate.getResources().getLimits().get("memory").toString());
        assertEquals(List.of("tmp:/tmp:null", "writable-1:/var/log/forge:null", "data:/var/lib/forge:null", "tls:/certs:true"),
                migrate.getVolumeMounts().stream().map(m -> m.getName() + ":" + m.getMountPath() + ":" + m.getReadOnly()).toList(),
                "the writable paths, then only the volumes it names, at the main container's path or its own; secret files read-only");
        assertEquals(List.of("tmp", "writable-1"), proxy.getVolumeMounts().stream().map(m -> m.getName()).toList(),
                "a sidecar that names no volume mounts none of the pod's data, secrets or config files");
        assertEquals(List.of("data", "cache", "tls", "tmp", "writable-1"), pod.getContainers().get(0).getVolumeMounts().stream()
                .map(m -> m.getName()).filter(n -> !n.equals("config")).toList(), "the main container mounts every volume");
    }

    @Test
    void theServiceAccountAndPullSecretsCarryTheIdentityAndRegistryCredentials() throws Exception {
        List<HasMetadata> objects = objects(SPEC);
        assertEquals(Map.of("iam.gke.io/gcp-service-account", "forge@example.iam.gserviceaccount.com"),
                get(objects, ServiceAccount.class, "web").getMetadata().getAnnotations());
        assertEquals(Map.of(), get(objects, ServiceAccount.class, "shared").getMetadata().getAnnotations());
        PodSpec pod = get(objects, Deployment.class, "web").getSpec().getTemplate().getSpec();
        assertEquals(List.of("ghcr"), pod.getImagePullSecrets().stream().map(r -> r.getName()).toList());
        GenericKubernetesResource external = objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast).filter(o -> o.getKind().equals("ExternalSecret")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) ((Map<String, Object>) external.getAdditionalProperties().get("spec")).get("target");
        assertEquals(Map.of("type", "kubernetes.io/dockerconfigjson"), target.get("template"));
    }
}
