#!/usr/bin/env bash
# The runs behind the results in docs/benchmarks.md, from the repository root, after
# `mvn -B -pl benchmarks -am package -DskipTests`. Takes about 30 minutes on 2 cores; results
# land in benchmarks/results/session2-*.json (render them with dev.shipshape.bench.Report).
set -euo pipefail
J="java -jar benchmarks/target/benchmarks.jar"
R=benchmarks/results
$J 'EndToEndBenchmark' -p app=acme,foobar,lofocats,todoozle,synthetic-10,synthetic-100 \
    -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc -rf json -rff $R/session2-end-to-end.json
$J 'EndToEndBenchmark' -p app=synthetic-1000 -bm ss -f 1 -wi 1 -i 3 -prof gc -rf json -rff $R/session2-end-to-end-1000.json
$J 'EndToEndBenchmark.endToEnd' -p app=synthetic-100,synthetic-1000 -bm ss -f 1 -wi 1 -i 3 \
    -jvmArgsAppend -Djava.io.tmpdir=/dev/shm -rf json -rff $R/session2-end-to-end-tmpfs.json
$J 'PipelineBenchmark' -p app=acme,synthetic-10,synthetic-100 -f 1 -wi 1 -i 3 -w 1s -r 1s -prof gc \
    -rf json -rff $R/session2-stages.json
$J 'PipelineBenchmark.(load|build|evaluatePolicies|renderKustomize|renderHelm|write)$' -p app=synthetic-1000 \
    -bm ss -f 1 -wi 1 -i 2 -rf json -rff $R/session2-stages-1000.json
# kubectl kustomize of the 1,000-component overlays takes minutes per operation: left out
$J 'ExternalToolsBenchmark' -p app=acme,foobar,lofocats,todoozle,synthetic-10,synthetic-100 \
    -f 1 -wi 1 -i 3 -w 1s -r 1s -rf json -rff $R/session2-external.json
