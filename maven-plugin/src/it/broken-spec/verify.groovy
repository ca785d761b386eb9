// The build failed on the spec problem, named by file:line:column, without a stack trace, and wrote nothing.
def log = new File(basedir, 'build.log').text
assert log =~ /specs[\/\\]shop\.yaml:17:\d+: error: / : 'no file:line:column problem for port: eighty in the log'
assert !log.contains('at dev.shipshape.') : 'a user error must not print a stack trace'
assert !new File(basedir, 'output').exists()
return true
