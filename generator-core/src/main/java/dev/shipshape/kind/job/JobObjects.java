package dev.shipshape.kind.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shipshape.model.Metadata;
import dev.shipshape.model.Workloads;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The batch/v1 Job of a {@code job} component. A Job's pod template is immutable, so re-applying a
 * Job whose image or env changed fails; the Job is therefore named {@code <component>-<hash>}, the
 * first {@value #HASH_LENGTH} hex digits of SHA-256 over its pod template's JSON: a new image is a
 * new Job (which runs), an unchanged spec the same Job (which is not run again). The previous
 * version's Job leaves the output with its name, so Flux prunes it ({@code prune: true}); a
 * {@code ttlSecondsAfterFinished}, when the spec sets one, deletes a finished Job earlier.
 */
final class JobObjects {

    /** Hex digits of the pod template hash in the Job name. */
    static final int HASH_LENGTH = 8;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JobObjects() {
    }

    /**
     * The Job: restartPolicy {@code Never} (each retry a new pod, failed pods keep their logs), the
     * spec's retries, deadline and time to live, named per content.
     *
     * @param metadata the metadata builder of the view
     * @param labels      the component's labels (of the Job and its pods)
     * @param annotations the pod template's annotations (a config files' hash: a changed file is a new Job); may be empty
     * @param pod         the pod template's spec
     */
    static Job of(JobComponent job, Metadata metadata, Map<String, String> labels, Map<String, String> annotations, PodSpec pod) {
        PodTemplateSpec template = new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels).withAnnotations(Workloads.annotations(annotations)).endMetadata()
                .withSpec(pod)
                .build();
        return new JobBuilder().withMetadata(metadata.of(jobName(job.name(), template), labels))
                .withNewSpec()
                .withBackoffLimit(job.backoffLimit())
                .withActiveDeadlineSeconds(job.activeDeadlineSeconds())
                .withTtlSecondsAfterFinished(job.ttlSecondsAfterFinished())
                .withTemplate(template)
                .endSpec()
                .build();
    }

    /** {@code <component>-<first 8 hex digits of SHA-256 over the template's JSON>}. */
    static String jobName(String component, PodTemplateSpec template) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(template).getBytes(StandardCharsets.UTF_8));
            return component + "-" + HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a pod template is always JSON", e);
        }
    }

    /** The PromQL pattern of the component's Job names. */
    static String namePattern(String component) {
        return component + "-[0-9a-f]{" + HASH_LENGTH + "}";
    }
}
