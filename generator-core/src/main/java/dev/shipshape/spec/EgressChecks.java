package dev.shipshape.spec;

/**
 * The checks of a component's declared {@link Egress} that its schema leaves to code, so that no
 * rule admits more than the spec states: a destination is named, has a port, and a rule to every
 * address is written as {@code anywhere} with a reason (which keeps the cluster's own ranges closed).
 */
final class EgressChecks {

    private EgressChecks() {
    }

    /** Reports every problem of the component's {@code egress} entries at the offending field. */
    static void check(Component component, SpecChecks checks) {
        for (Egress egress : component.egress()) {
            String subject = "Egress of `" + component.name() + "`" + (egress.host() != null ? " to `" + egress.host() + "`" : "");
            String ports = egress.ports().isEmpty() ? "443" : String.join(", ", egress.ports().stream().map(String::valueOf).toList());
            if (egress.anywhere() && !egress.cidrs().isEmpty()) {
                checks.problem(egress.pointer() + "/anywhere", subject + " sets both `anywhere` and `cidrs`.",
                        "Keep `cidrs` to admit only those address blocks, or remove them to admit any public address.");
            } else if (egress.anywhere() && egress.reason() == null) {
                checks.problem(egress.pointer() + "/anywhere", subject + " admits any public address but states no reason.",
                        "Add `reason:` saying why the destination's addresses cannot be stated (a reviewer reads it), or replace `anywhere` with `cidrs`.");
            } else if (!egress.anywhere() && egress.reason() != null) {
                checks.problem(egress.pointer() + "/reason", subject + " gives a reason, but only `anywhere: true` needs one.",
                        "Remove `reason`, or write `anywhere: true` instead of the address blocks.");
            } else if (egress.host() != null && egress.cidrs().isEmpty() && !egress.anywhere()) {
                checks.problem(egress.pointer() + "/host", subject + " states no address blocks; a NetworkPolicy matches addresses, not DNS names,"
                                + " so shipshape cannot admit `" + egress.host() + "` by name.",
                        "State the host's address blocks as `cidrs: [...]` (from its provider's published ranges), or write `anywhere: true` with"
                                + " `reason:` to admit any public address on port " + ports + ".");
            } else if (egress.host() == null && egress.cidrs().isEmpty() && !egress.anywhere()) {
                checks.problem(egress.pointer(), subject + " names no destination.",
                        "Write `host:` with `cidrs:`, `cidrs:` alone, or `anywhere: true` with a reason.");
            }
            if (egress.ports().isEmpty()) {
                checks.problem(egress.pointer(), subject + " names no port; shipshape admits no egress to every port.",
                        "Add `port: 443` or `ports: [...]`.");
            }
            for (int i = 0; i < egress.cidrs().size(); i++) {
                String cidr = egress.cidrs().get(i);
                if (cidr.endsWith("/0")) {
                    checks.problem(JsonPointers.child(egress.pointer() + "/cidrs", i), subject + " admits `" + cidr
                                    + "`, every address, the cluster's own pods, Services and nodes included.",
                            "Write `anywhere: true` with `reason:` instead, which admits public addresses only, or state the destination's blocks.");
                }
            }
        }
    }
}
