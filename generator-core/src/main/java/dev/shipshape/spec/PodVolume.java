package dev.shipshape.spec;

/**
 * A volume of a component's pods, mounted into its containers at {@code mountPath}: exactly one
 * source — a persistent claim (the default), an {@code emptyDir}, or the files of a spec secret.
 *
 * @param name      the volume's name in the spec (a DNS-1123 label)
 * @param mountPath where it is mounted, an absolute path
 * @param claim     the persistent claim, or {@code null}
 * @param emptyDir  the ephemeral directory, or {@code null}
 * @param secret    the spec secret (under {@code spec.secrets}) whose keys become read-only files, or {@code null}
 */
public record PodVolume(String name, String mountPath, Claim claim, EmptyDir emptyDir, String secret) {

    /** {@code accessMode}: one node mounts the volume read-write (the default). */
    public static final String READ_WRITE_ONCE = "ReadWriteOnce";
    /** {@code accessMode}: one pod mounts the volume read-write. */
    public static final String READ_WRITE_ONCE_POD = "ReadWriteOncePod";
    /** {@code accessMode}: many nodes mount the volume read-write (NFS, CephFS, EFS, Filestore). */
    public static final String READ_WRITE_MANY = "ReadWriteMany";

    /**
     * A PersistentVolumeClaim.
     *
     * @param size         requested size, bytes (Kubernetes quantity, for example {@code 10Gi})
     * @param storageClass the StorageClass, or {@code null} for the cluster default
     * @param accessMode   {@link #READ_WRITE_ONCE}, {@link #READ_WRITE_ONCE_POD} or {@link #READ_WRITE_MANY}
     */
    public record Claim(String size, String storageClass, String accessMode) {

        /** Whether only one node (or pod) can mount it read-write, so two pods of a rolling update cannot share it. */
        public boolean singleWriter() {
            return !READ_WRITE_MANY.equals(accessMode);
        }
    }

    /**
     * An {@code emptyDir}.
     *
     * @param sizeLimit its size limit, bytes (Kubernetes quantity)
     * @param medium    {@code Memory} for a tmpfs (counted against the container's memory limit), or {@code null} for disk
     */
    public record EmptyDir(String sizeLimit, String medium) {
    }

    /** Whether it is a persistent claim. */
    public boolean persistent() {
        return claim != null;
    }
}
