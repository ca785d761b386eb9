def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Building ci-drift /)
assert runs.size() == 4 : "three runs expected, found ${runs.size() - 1}"

// Run 2 generated output/ and check, finding it as generate left it, did not compile again
assert runs[2].contains('is as generate left it, with the same specs, settings and plugin; its verdict stands')
assert runs[2] =~ /shipshape check: 0 errors, \d+ warnings?, \d+ info, \d+ suppressed, 0 drifted files/

// Run 3 is CI after a hand edit of a committed generated file: generate wrote nothing, check
// compiled (the file's bytes are not those generate recorded), named the file and failed
assert !runs[3].contains('its verdict stands')
assert log.contains('[INFO] shipshape: generate writes nothing in CI (CI=true)') : 'generate must not write in CI'
assert log.contains('[ERROR] drift: output/shop/RUNBOOK.md was edited by hand; move the change into the spec, delete the file and regenerate with mvn shipshape:generate')
assert log =~ /Failed to execute goal .*:check \(default\).*: shipshape check: 0 errors, \d+ warnings?, \d+ info, \d+ suppressed, 1 drifted file/
assert new File(basedir, 'output/shop/RUNBOOK.md').text.startsWith('# shop runbook, edited by hand')

// Run 2 generated output/ with Flux paths under ./output; run 1 deploy/gitops/ with paths under ./deploy/gitops
def flux = new File(basedir, 'output/clusters/shop-staging/shop.yaml').text
assert flux.contains('path: ./output/shop/kustomize/overlays/staging') : flux
def moved = new File(basedir, 'deploy/gitops/clusters/shop-staging/shop.yaml').text
assert moved.contains('path: ./deploy/gitops/shop/kustomize/overlays/staging') : moved
return true
