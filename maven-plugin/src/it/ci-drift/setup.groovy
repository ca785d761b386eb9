// A fresh Git repository holding only the project: the output's place in the repository is output/.
def git(String... args) {
    def process = (['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com'] + args.toList()).execute(null, basedir)
    process.waitForProcessOutput(System.out, System.err)
    assert process.exitValue() == 0 : "git ${args} failed"
}
new File(basedir, '.gitignore').text = 'target/\nbuild.log\n'
git('init', '-q', '-b', 'main')
git('add', '-A')
git('commit', '-q', '-m', 'specs')
return true
