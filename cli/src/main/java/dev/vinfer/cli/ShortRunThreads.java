package dev.vinfer.cli;

/**
 * How many inference threads a short {@code classify} uses when {@code --threads} is not given.
 *
 * <p>A cold JVM's first inferences are bound by the JIT: the kernels run slow C1 code (every vector
 * operation boxed) until C2 has compiled them, and C2 needs a core to do it. A second inference
 * thread on a 2-core machine takes that core: MobileNet 1.0's first inference took 469 ms with two
 * threads and 375 ms with one (a one-photo classify 0.97 vs 0.86 s wall, medians of 6 runs). So a
 * run of fewer than {@value #SHORT_RUN_PICTURES} pictures leaves two processors to the compiler
 * threads; a longer run pays the warm-up back and gets every processor (two threads run an image
 * in 3.3 ms, one in 6, so the 0.1 s are made up after about 40 pictures).
 */
final class ShortRunThreads {
    static final int SHORT_RUN_PICTURES = 32;

    private ShortRunThreads() {
    }

    /**
     * {@return the thread count for {@code pictures} pictures on {@code processors} processors, or 0
     * for the engine's default (one per processor)}
     */
    static int threadsFor(int pictures, int processors) {
        return pictures < SHORT_RUN_PICTURES ? Math.max(1, processors - 2) : 0;
    }
}
