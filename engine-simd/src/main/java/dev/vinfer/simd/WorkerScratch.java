package dev.vinfer.simd;

/** Per-worker scratch buffers, made in {@code bind()} so that no inference allocates. */
final class WorkerScratch {
    /**
     * Unused floats after each buffer: two 64-byte cache lines. Buffers allocated one after another
     * sit back to back in memory, so without this gap one worker's last writes and the next worker's
     * first writes share a cache line; that false sharing kept the im2col stem from scaling at all
     * on two threads (420 us on one thread and on two).
     */
    static final int GAP = 32;

    private WorkerScratch() {
    }

    static float[][] allocate(int workers, int floatsEach) {
        float[][] buffers = new float[workers][];
        for (int w = 0; w < workers; w++) {
            buffers[w] = new float[floatsEach + GAP];
        }
        return buffers;
    }
}
