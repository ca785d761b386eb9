package dev.shipshape.spec;

import java.util.List;
import java.util.Optional;

/**
 * A component whose pods run the spec's own image with the spec's pod settings (the application
 * kinds: web, worker, job, cronjob, stateful), as opposed to a managed kind whose pods shipshape
 * shapes itself.
 */
public interface PodComponent extends Component {

    /** Its pod settings: image, process, securityContext, volumes and the rest. */
    PodTemplate pod();

    /** The main container's image, the pod's. */
    @Override
    default ImageReference image() {
        return pod().process().image();
    }

    @Override
    default Optional<PodTemplate> podTemplate() {
        return Optional.of(pod());
    }

    /** The names its pod settings derive: {@code <name>-config} with config files, {@code <name>-<port>-tls} per TLS port. */
    default List<String> podDerivedNames() {
        List<String> names = new java.util.ArrayList<>();
        if (!pod().configFiles().isEmpty()) {
            names.add(PodTemplate.configName(name()));
        }
        servedPorts().stream().filter(ServedPort::servesTls).forEach(port -> names.add(PortTls.secretName(name(), port.name())));
        return List.copyOf(names);
    }
}
