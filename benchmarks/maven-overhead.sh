#!/usr/bin/env bash
# What `mvn shipshape:generate` adds to Maven's start-up (issue 15, part 2), from the repository
# root, after `mvn -B -o -q install -DskipTests`. A throw-away project under $WORK holds a copy of
# specs/$SPEC.yaml and the plugin's generate execution; each round runs, interleaved:
#   validate  `mvn validate` of that project (Maven's start-up; the plugin is not run)
#   fresh     `mvn generate-resources` into a deleted output directory (a compiling run)
#   uptodate  `mvn generate-resources` again (the output is up to date: nothing compiled)
# and prints, per case, the median wall, user and sys seconds (GNU time) over the rounds.
#
#   bash benchmarks/maven-overhead.sh [rounds] [spec]      (defaults: 7 acme)
#
# REPOS='before=/path/to/repository after=/path/to/other/repository' compares plugin builds
# installed into different local repositories (same version), interleaved round by round;
# without it, Maven's default local repository. MAVEN_ARGS and MAVEN_OPTS pass through.
set -euo pipefail
ROUNDS=${1:-7}
SPEC=${2:-acme}
WORK=${WORK:-$(mktemp -d /tmp/shipshape-mvn-XXXXXX)}
REPOS=${REPOS:-default=}
VERSION=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
mkdir -p "$WORK/app/specs"
cp "specs/$SPEC.yaml" "$WORK/app/specs/"
if [ -d "specs/$SPEC" ]; then cp -r "specs/$SPEC" "$WORK/app/specs/"; fi
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
run() { # label, repository, case, then the mvn arguments
  local label=$1 repository=$2 name=$3; shift 3
  /usr/bin/time -f "$label $name %e %U %S" -a -o "$WORK/times" \
    mvn -B -o -q ${repository:+-Dmaven.repo.local=$repository} ${MAVEN_ARGS:-} -f "$WORK/app/pom.xml" "$@" > "$WORK/last.log" 2>&1 \
    || { cat "$WORK/last.log"; exit 1; }
}
: > "$WORK/times"
for variant in $REPOS; do
  run "${variant%%=*}" "${variant#*=}" warmup generate-resources
done
for round in $(seq "$ROUNDS"); do
  for variant in $REPOS; do
    label=${variant%%=*} repository=${variant#*=}
    run "$label" "$repository" validate validate
    rm -rf "$WORK/app/output" "$WORK/app/target"
    run "$label" "$repository" fresh generate-resources
    run "$label" "$repository" uptodate generate-resources
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds, spec $SPEC, in $WORK"
awk '$2 != "warmup" { k = $1 " " $2; wall[k] = wall[k] " " $3; user[k] = user[k] " " $4; sys[k] = sys[k] " " $5; if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
  function median(list,   m, a, i, j, t) {
    m = split(list, a, " ")
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  END {
    printf "%-20s %8s %8s %8s %8s\n", "variant case", "wall", "user", "sys", "cpu"
    for (i = 1; i <= n; i++) { k = order[i]; u = median(user[k]); s = median(sys[k])
      printf "%-20s %8.2f %8.2f %8.2f %8.2f\n", k, median(wall[k]), u, s, u + s }
  }' "$WORK/times"
