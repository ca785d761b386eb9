// The committed output has a hand-edited file and a file no spec produces: check names both and fails.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] drift: output/shop/RUNBOOK.md was edited by hand; move the change into the spec, delete the file and regenerate with mvn shipshape:generate')
assert log.contains('[ERROR] drift: output/shop/kustomize/base/configmap-legacy.yaml is no longer generated from the specs; regenerate with mvn shipshape:generate')
assert log.contains('[ERROR] drift: output/shop/kustomize/base/deployment-web.yaml is missing; regenerate with mvn shipshape:generate')
assert log =~ /Failed to execute goal .*check \(check\).*: shipshape check: 0 errors, \d+ warnings?, \d+ info, 1 suppressed, \d+ drifted files/
// check never writes the output
assert new File(basedir, 'output/shop/RUNBOOK.md').text == '# shop runbook, edited by hand\n'
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/shipshape/policy.sarif'))
assert sarif.runs[0].results.any { it.ruleId == 'output-drift' && it.locations[0].physicalLocation.artifactLocation.uri == 'output/shop/RUNBOOK.md' }
return true
