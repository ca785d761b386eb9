package dev.shipshape.testing;

import dev.shipshape.kind.web.WebComponent;
import dev.shipshape.spec.Autoscaling;
import dev.shipshape.spec.EnvVar;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Metrics;
import dev.shipshape.spec.Probe;
import dev.shipshape.spec.ProbeSet;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.ServedPort;

import java.util.List;

/** Web components as a spec with {@code port: N} and {@code health:} binds them, for tests that build models by hand. */
public final class WebComponents {

    private WebComponents() {
    }

    /**
     * A web component with one http port and, when {@code route} is not {@code null}, one route, probed
     * with HTTP GETs of {@code readiness} (also startup) and {@code liveness} on its port.
     */
    public static WebComponent http(String name, ImageReference image, int port, Route route, String readiness, String liveness,
                                    Resources resources, int replicas, Autoscaling autoscaling, Metrics metrics, List<EnvVar> env,
                                    List<String> uses, Location location) {
        Probe ready = Probe.http(readiness, ServedPort.HTTP_SHORTHAND, null);
        return new WebComponent(name, dev.shipshape.spec.TestPods.image(image), List.of(ServedPort.shorthand(port, "/spec/components/" + name + "/port")),
                route == null ? List.of() : List.of(route), new ProbeSet(ready, Probe.http(liveness, ServedPort.HTTP_SHORTHAND, null), ready),
                resources, replicas, autoscaling, metrics, env, uses, List.of(), List.of(), location);
    }
}
