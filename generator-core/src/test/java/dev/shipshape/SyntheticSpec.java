package dev.shipshape;

/**
 * Large generated specs for the subprocess tests: {@code components} web components
 * {@code c000...}, every tenth with a public route, two environments and their clusters, so that
 * a run writes hundreds of files (base, overlays, Flux).
 */
final class SyntheticSpec {

    private SyntheticSpec() {
    }

    /**
     * @param name       application name
     * @param components how many web components
     * @param version    application version and image tag; different versions give different output
     * @return the spec as YAML
     */
    static String yaml(String name, int components, String version) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("apiVersion: shipshape.dev/v1alpha1\nkind: Application\nmetadata:\n  name: ").append(name)
                .append("\n  version: ").append(version).append("\nspec:\n  tls:\n    email: ops@example.com\n  components:\n");
        for (int i = 0; i < components; i++) {
            String component = String.format(java.util.Locale.ROOT, "c%03d", i);
            yaml.append("    ").append(component).append(":\n      type: web\n      image: ghcr.io/example/").append(component)
                    .append(':').append(version).append("\n      port: 8080\n");
            if (i % 10 == 0) {
                yaml.append("      route:\n        host: ").append(component).append('.').append(name).append(".example.com\n");
            }
            if (i > 0) {
                yaml.append("      uses: [c000]\n");
            }
        }
        yaml.append("  environments:\n    staging:\n      components:\n        c000:\n          replicas: 3\n    production: {}\n")
                .append("  delivery:\n    repository: https://github.com/example/gitops\n    branch: main\n    path: output\n")
                .append("  clusters:\n    - name: ").append(name).append("-staging\n      environment: staging\n")
                .append("    - name: ").append(name).append("-production\n      environment: production\n");
        return yaml.toString();
    }
}
