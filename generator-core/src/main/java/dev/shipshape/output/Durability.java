package dev.shipshape.output;

/**
 * How far {@link OutputWriter} goes to keep a written output directory across an unclean
 * system shutdown (power loss, kernel crash). Both levels keep the guarantees against a failing
 * or killed run (SIGKILL, a crashed JVM): every file is replaced by a rename, so it is always its
 * old or its new version; the intent journal, flushed before the first rename, marks a run that
 * did not finish, {@code check} reports it and the next run completes it.
 */
public enum Durability {

    /**
     * The default: each file is replaced atomically, and only shipshape's own files, the journal
     * ({@code .shipshape/journal}) and the index ({@code .shipshape/index.json}), are flushed to
     * disk (fsync) before their rename. Generated files stay in the operating system's page cache
     * until it writes them back (Linux: within about 30 s), so a power loss right after a run can
     * leave some generated files empty (a file system that journals metadata in order, such as
     * ext4 or XFS, persists the renames in the order they were made, so not older than the index);
     * {@code check} reports them and the next {@code generate} rewrites them, as an empty owned
     * file is not taken for a hand edit. Files shipshape does not own are never opened for
     * writing, so never at risk. This is the trade build tools make for derived files, and Git's:
     * its default {@code core.fsync} is {@code committed,-loose-object}, "which has good
     * performance, but risks losing recent work in the event of an unclean system shutdown"
     * (git-config(1), Git 2.39). Costs two fsyncs per run that changes something.
     */
    ATOMIC,

    /**
     * Also flushes every written file and every directory it created before the renames, and
     * every directory a rename or deletion changed after them (POSIX fsync), so once the run
     * returns the new tree survives a power loss. The flushes of one run are issued together from
     * a small pool of threads so that the file system can group them into few journal commits; a
     * fresh tree still costs roughly 0.1–1 ms per file, depending on the disk.
     */
    FSYNC
}
