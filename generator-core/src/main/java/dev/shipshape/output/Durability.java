package dev.shipshape.output;

/**
 * How far {@link OutputWriter} goes to keep a written output directory across an unclean
 * system shutdown (power loss, kernel crash). Both levels keep the guarantees against a failing
 * or killed run (SIGKILL, a crashed JVM): the new tree is complete in the staging directory
 * before a rename swaps it in, so the output directory holds the previous tree or the new one,
 * never a mix, and the next run completes or rolls back an interrupted swap.
 */
public enum Durability {

    /**
     * The default: the swap is atomic, and of the new tree only the index
     * ({@code .shipshape/index.json}) is flushed to disk (fsync) before it. Generated files stay
     * in the operating system's page cache until it writes them back (Linux: within about 30 s),
     * so a power loss right after a run can leave some generated files empty or old; they no
     * longer match their hash in the index, so {@code check} reports them and the next
     * {@code generate} rewrites them. Files shipshape does not own are hard-linked, never
     * rewritten, so never at risk. This is the trade build tools make for derived files, and
     * Git's: its default {@code core.fsync} is {@code committed,-loose-object}, "which has good
     * performance, but risks losing recent work in the event of an unclean system shutdown"
     * (git-config(1), Git 2.39). Costs one fsync per run.
     */
    ATOMIC,

    /**
     * Also flushes every written file and every directory of the staging tree before the swap,
     * and the parent directory after it (POSIX fsync), so once the run returns the new tree
     * survives a power loss. The flushes of one run are issued together from a small pool of
     * threads so that the file system can group them into few journal commits; a fresh tree still
     * costs roughly 0.1–1 ms per file, depending on the disk.
     */
    FSYNC
}
