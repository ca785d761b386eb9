// image: example/shop:latest fails image-tag-pinned at the image: line that declares it: one finding naming both environments.
def log = new File(basedir, 'build.log').text
def pinned = log.readLines().findAll { it =~ /^\[ERROR\] specs[\/\\]shop\.yaml:17:14: error image-tag-pinned: container web uses image example\/shop:latest without a pinned version tag \(Deployment\/shop\/web container web in production, staging\) \S+ Write the image/ }
assert pinned.size() == 1 : "expected one image-tag-pinned line naming production and staging, found ${pinned}"
assert log =~ /Failed to execute goal .*check \(check\).*: shipshape check: 1 error, \d+ warnings?, \d+ info, 1 suppressed, \d+ drifted files/
assert !log.contains('at dev.shipshape.') : 'a user error must not print a stack trace'
def junit = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(basedir, 'target/shipshape/TEST-shipshape-policy.xml'))
def suites = junit.getElementsByTagName('testsuite')
def pinnedSuite = (0..<suites.length).collect { suites.item(it) }.find { it.getAttribute('name') == 'image-tag-pinned' }
assert pinnedSuite.getAttribute('failures') == '1'
return true
