// generate wrote the tree, then check found it up to date and no finding at or above error.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] shipshape: ') && log.contains(' written, ') : 'generate did not run'
def summary = log.readLines().find { it.contains('shipshape check: ') }
assert summary != null : 'no check summary in the log'
assert summary ==~ /\[INFO\] shipshape check: 0 errors, \d+ warnings?, \d+ info, 1 suppressed, 0 drifted files/ : summary
// the generator's own exemption is reported, as suppressed, at info level
assert log =~ /\[INFO\] specs[\/\\]shop\.yaml:4:9: warning network-policy-not-dangling: .*\[suppressed by shipshape: it admits cert-manager's HTTP-01 solver pods/
assert !log.contains('drift: ')
['policy.txt', 'policy.json', 'policy.sarif', 'TEST-shipshape-policy.xml'].each { name ->
    assert new File(basedir, "target/shipshape/${name}").isFile() : "missing report ${name}"
}
assert log.contains('BUILD SUCCESS')
return true
