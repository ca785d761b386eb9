package dev.shipshape.spec;

import java.nio.file.Path;
import java.util.SortedSet;

/**
 * A sops-encrypted Kubernetes Secret manifest a spec secret points at ({@code spec.secrets.<name>.sops}),
 * as read and checked by the loader: shipshape never decrypts it, it copies {@link #content} byte
 * for byte into the overlays of the environments that use it, where Flux's kustomize-controller
 * decrypts it (https://fluxcd.io/flux/guides/mozilla-sops/). The keys and the metadata are the
 * parts sops leaves in clear text.
 *
 * @param path              the path as the spec writes it, relative to the spec file's directory
 * @param file              the file it resolves to
 * @param content           the file's text, verbatim (UTF-8)
 * @param name              {@code metadata.name}, or {@code null}
 * @param namespace         {@code metadata.namespace}, or {@code null}
 * @param type              the Secret's {@code type}, {@link SecretSource#OPAQUE} when the file has none
 * @param keys              the keys of {@code data} and {@code stringData}, sorted
 * @param nameLocation      where {@code metadata.name} is written (the file's start when it is missing)
 * @param namespaceLocation where {@code metadata.namespace} is written (the file's start when it is missing)
 * @param typeLocation      where {@code type} is written (the file's start when it is missing)
 */
public record SopsFile(String path, Path file, String content, String name, String namespace, String type, SortedSet<String> keys,
                       Location nameLocation, Location namespaceLocation, Location typeLocation) {

    public SopsFile {
        keys = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(keys));
    }
}
