package dev.shipshape.policy;

import dev.cel.common.types.CelKind;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables every object rule sees as {@code variables.<name>}, defined in CEL exactly as a
 * ValidatingAdmissionPolicy's {@code spec.variables} (each may use the ones before it), so the
 * engine and an exported policy compute them the same way:
 *
 * <ul>
 *   <li>{@code podSpec}: the pod spec of a Pod, of a workload's pod template (Deployment,
 *       StatefulSet, DaemonSet, ReplicaSet, Job) or of a CronJob's job template; {@code {}} for other kinds</li>
 *   <li>{@code containers}, {@code initContainers}: the pod spec's lists, {@code []} when absent</li>
 *   <li>{@code allContainers}: init containers, then containers</li>
 * </ul>
 *
 * A rule's parameters are a further variable, {@code params}, bound by the engine (and written
 * as a CEL literal by the export).
 */
public final class StandardVariables {

    /** The variable definitions, in evaluation order: name to CEL. */
    public static final Map<String, String> DEFINITIONS = definitions();

    private final Map<String, CelExpressionCompiler.CompiledExpression> programs = new LinkedHashMap<>();

    /** Compiles the definitions with the engine's compiler. */
    public StandardVariables(CelExpressionCompiler compiler) {
        DEFINITIONS.forEach((name, cel) -> programs.put(name, compiler.compile(cel, CelKind.DYN)));
    }

    /**
     * The variables for one object.
     *
     * @param object the object tree
     * @return a mutable map of variable name to value (callers add {@code params})
     * @throws CelEvaluationException when the object is malformed (for example a pod spec that is not a map)
     */
    public Map<String, Object> evaluate(Map<String, Object> object) throws CelEvaluationException {
        Map<String, Object> variables = new HashMap<>();
        CelVariableResolver activation = name -> switch (name) {
            case "object" -> Optional.of(object);
            case "variables" -> Optional.of(variables);
            default -> Optional.empty();
        };
        for (Map.Entry<String, CelExpressionCompiler.CompiledExpression> entry : programs.entrySet()) {
            variables.put(entry.getKey(), entry.getValue().eval(activation));
        }
        return variables;
    }

    /** The names of the collections a check's {@code forEach} can iterate on objects. */
    public static List<String> containerCollections() {
        return new ArrayList<>(List.of("containers", "initContainers", "allContainers"));
    }

    private static Map<String, String> definitions() {
        Map<String, String> definitions = new LinkedHashMap<>();
        definitions.put("podSpec", "object.kind == 'Pod' ? object.?spec.orValue({})"
                + " : object.kind == 'CronJob' ? object.?spec.orValue({}).?jobTemplate.orValue({}).?spec.orValue({}).?template.orValue({}).?spec.orValue({})"
                + " : object.?spec.orValue({}).?template.orValue({}).?spec.orValue({})");
        definitions.put("containers", "variables.podSpec.?containers.orValue([])");
        definitions.put("initContainers", "variables.podSpec.?initContainers.orValue([])");
        definitions.put("allContainers", "variables.initContainers + variables.containers");
        return java.util.Collections.unmodifiableMap(definitions);
    }
}
