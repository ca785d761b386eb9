// Run 3 is CI after a hand edit of a committed generated file: generate wrote nothing, check named the file and failed.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] shipshape: generate writes nothing in CI (CI=true)') : 'generate must not write in CI'
assert log.contains('[ERROR] drift: output/shop/RUNBOOK.md was edited by hand; regenerate with mvn shipshape:generate')
assert log =~ /Failed to execute goal .*:check \(default\).*: shipshape check: 0 errors, \d+ warnings?, \d+ info, \d+ suppressed, 1 drifted file/
assert new File(basedir, 'output/shop/RUNBOOK.md').text.startsWith('# shop runbook, edited by hand')

// Run 1 generated output/ with Flux paths under ./output; run 2 deploy/gitops/ with paths under ./deploy/gitops
def flux = new File(basedir, 'output/clusters/shop-staging/shop.yaml').text
assert flux.contains('path: ./output/shop/kustomize/overlays/staging') : flux
def moved = new File(basedir, 'deploy/gitops/clusters/shop-staging/shop.yaml').text
assert moved.contains('path: ./deploy/gitops/shop/kustomize/overlays/staging') : moved
return true
