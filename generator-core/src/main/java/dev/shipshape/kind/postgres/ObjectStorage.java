package dev.shipshape.kind.postgres;

import dev.shipshape.model.EnvironmentVariables;
import io.fabric8.kubernetes.api.model.EnvVar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A backup destination as rclone (rclone.org) reaches it: an on-the-fly remote named
 * {@code store}, configured from environment variables ({@code RCLONE_CONFIG_STORE_*}). The
 * remote's type comes from the URI scheme; credentials come from the provider's standard
 * environment variables ({@code env_auth}), which the backup secret supplies (it may also add
 * {@code RCLONE_CONFIG_STORE_REGION}, {@code _ENDPOINT} or {@code _PROVIDER}).
 *
 * @param type rclone backend: {@code s3}, {@code gcs} or {@code azureblob}
 * @param path bucket (or container) and prefix, without a trailing slash
 */
record ObjectStorage(String type, String path) {

    /** rclone backends by destination URI scheme. */
    private static final Map<String, String> BACKENDS = Map.of("s3", "s3", "gs", "gcs", "azure", "azureblob");

    /**
     * Parses {@code s3://bucket/prefix}, {@code gs://bucket/prefix} or {@code azure://container/prefix}.
     *
     * @throws IllegalArgumentException for any other form
     */
    static ObjectStorage parse(String destination) {
        int separator = destination.indexOf("://");
        String backend = separator > 0 ? BACKENDS.get(destination.substring(0, separator)) : null;
        String path = separator > 0 ? destination.substring(separator + 3).replaceAll("/+$", "") : "";
        if (backend == null || path.isEmpty()) {
            throw new IllegalArgumentException("backup destination '" + destination
                    + "' must be s3://bucket/prefix, gs://bucket/prefix or azure://container/prefix");
        }
        return new ObjectStorage(backend, path);
    }

    /** The rclone location of the backups: {@code store:<path>}. */
    String remote() {
        return "store:" + path;
    }

    /**
     * The environment that defines the {@code store} remote; {@code HOME} points at the writable
     * {@code /tmp}. For S3 rclone neither checks nor creates the bucket ({@code no_check_bucket}), so
     * credentials limited to the bucket's objects suffice; the bucket must exist.
     */
    List<EnvVar> environment() {
        List<EnvVar> env = new ArrayList<>();
        env.add(EnvironmentVariables.literal("RCLONE_CONFIG_STORE_TYPE", type));
        env.add(EnvironmentVariables.literal("RCLONE_CONFIG_STORE_ENV_AUTH", "true"));
        if (type.equals("s3")) {
            env.add(EnvironmentVariables.literal("RCLONE_CONFIG_STORE_NO_CHECK_BUCKET", "true"));
        }
        env.add(EnvironmentVariables.literal("HOME", "/tmp"));
        return List.copyOf(env);
    }
}
