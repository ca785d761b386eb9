#!/usr/bin/env bash
# What `mvn shipshape:generate` adds to Maven's start-up (issue 15, part 2), from the repository
# root, after `mvn -B -o -q install -DskipTests` (the plugin must be in the local repository that
# MAVEN_ARGS names). A throw-away project under $WORK holds a copy of specs/$SPEC.yaml and the
# plugin's generate execution; each round runs, interleaved:
#   validate  `mvn validate` of that project (Maven's start-up; the plugin is not run)
#   fresh     `mvn generate-resources` into a deleted output directory (a compiling run)
#   uptodate  `mvn generate-resources` again (the output is up to date: nothing compiled)
# and prints, per case, the median wall, user and sys seconds (GNU time) over the rounds.
#
#   bash benchmarks/maven-overhead.sh [rounds] [spec]      (defaults: 7 acme)
#   MAVEN_ARGS='-Dmaven.repo.local=...' MAVEN_OPTS='...' bash benchmarks/maven-overhead.sh
set -euo pipefail
ROUNDS=${1:-7}
SPEC=${2:-acme}
ROOT=$(pwd)
WORK=${WORK:-$(mktemp -d /tmp/shipshape-mvn-XXXXXX)}
VERSION=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
mkdir -p "$WORK/app/specs"
cp "specs/$SPEC.yaml" "$WORK/app/specs/"
[ -d "specs/sops" ] && cp -r specs/sops "$WORK/app/specs/" || true
cat > "$WORK/app/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.shipshape.bench</groupId>
  <artifactId>maven-overhead</artifactId>
  <version>1.0.0</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>dev.shipshape</groupId>
        <artifactId>shipshape-maven-plugin</artifactId>
        <version>$VERSION</version>
        <executions><execution><goals><goal>generate</goal></goals></execution></executions>
      </plugin>
    </plugins>
  </build>
</project>
POM
run() { # case, then the mvn arguments
  local name=$1; shift
  /usr/bin/time -f "$name %e %U %S" -a -o "$WORK/times" mvn -B -o -q ${MAVEN_ARGS:-} -f "$WORK/app/pom.xml" "$@" > "$WORK/last.log" 2>&1 \
    || { cat "$WORK/last.log"; exit 1; }
}
: > "$WORK/times"
run warmup generate-resources
for round in $(seq "$ROUNDS"); do
  run validate validate
  rm -rf "$WORK/app/output" "$WORK/app/target"
  run fresh generate-resources
  run uptodate generate-resources
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds, spec $SPEC, in $WORK"
awk '$1 != "warmup" { wall[$1] = wall[$1] " " $2; user[$1] = user[$1] " " $3; sys[$1] = sys[$1] " " $4 }
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    printf "%-9s %8s %8s %8s %8s\n", "case", "wall", "user", "sys", "cpu"
    split("validate fresh uptodate", order, " ")
    for (k = 1; k <= 3; k++) { c = order[k]; w = median(wall[c]); u = median(user[c]); s = median(sys[c])
      printf "%-9s %8.2f %8.2f %8.2f %8.2f\n", c, w, u, s, u + s }
  }' "$WORK/times"
