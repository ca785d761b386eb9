package dev.shipshape.render.docs;

/**
 * The command-line tool that lists a backup destination, by URI scheme: the AWS CLI for
 * {@code s3://}, the Google Cloud CLI for {@code gs://}, the Azure CLI for {@code azure://}
 * (the destination forms {@link dev.shipshape.spec.Backup} accepts).
 */
final class ObjectStorage {

    private ObjectStorage() {
    }

    /**
     * The shell command that lists the objects under {@code destination}, newest names last.
     *
     * @param destination {@code s3://bucket/prefix}, {@code gs://bucket/prefix} or {@code azure://container/prefix}
     * @return the command, or {@code ""} for any other scheme
     */
    static String listCommand(String destination) {
        String folder = destination.endsWith("/") ? destination : destination + "/";
        if (destination.startsWith("s3://")) {
            return "aws s3 ls " + folder;
        }
        if (destination.startsWith("gs://")) {
            return "gcloud storage ls " + folder;
        }
        if (destination.startsWith("azure://")) {
            String path = folder.substring("azure://".length());
            int slash = path.indexOf('/');
            return "az storage blob list --account-name <storage account> --container-name " + path.substring(0, slash)
                    + " --prefix " + path.substring(slash + 1) + " --output table";
        }
        return "";
    }
}
