package dev.vinfer.api;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.runtime.CompiledNetwork;
import dev.vinfer.runtime.WorkerPool;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A loaded, compiled model. Immutable apart from its reusable scratch: share one instance between
 * any number of threads. It owns a small intra-op thread pool ({@link ModelOptions#threads()} - 1
 * daemon threads, the caller being the last one); {@link #close()} stops it.
 *
 * <p>Lifecycle: {@link #close()} may be called at any time, from any thread, any number of times.
 * Calls already running when it is called finish (on their own thread, without the pool's workers);
 * every call that starts after it ({@link #predict}, {@link #newSession}, {@link InferenceSession#run})
 * fails at once with a {@link VinferException} whose message starts with "model closed".
 */
public final class Model implements AutoCloseable {
    private final CompiledNetwork network;
    private final WorkerPool pool;
    private final ConcurrentLinkedQueue<InferenceSession> idleSessions = new ConcurrentLinkedQueue<>();

    Model(CompiledNetwork network, int threads) {
        this.network = network;
        this.pool = new WorkerPool(threads);
    }

    /**
     * Runs a batch and returns a prediction the caller keeps. Thread-safe: each concurrent call
     * borrows its own session, and sessions are reused, so steady use does not re-plan buffers.
     *
     * @param input a batch {@code [N, H, W, C]} of the model's input size
     * @return the batch's logits and probabilities, the caller's to keep
     * @throws VinferException if the input does not fit the model, or the model is closed
     */
    public Prediction predict(Tensor input) {
        checkOpen();
        InferenceSession session = idleSessions.poll();
        if (session == null) {
            session = newSession();
        }
        try {
            return session.run(input).copy();
        } finally {
            if (!pool.isClosed()) {
                idleSessions.offer(session);
            }
        }
    }

    /**
     * {@return a session of one's own, for a thread that wants zero-allocation runs}
     *
     * @throws VinferException if the model is closed
     */
    public InferenceSession newSession() {
        checkOpen();
        return new InferenceSession(network, pool);
    }

    /** {@return the network this model runs} */
    public NetworkDefinition definition() {
        return network.definition();
    }

    /** {@return one image's input shape ({@code n == 1})} */
    public TensorShape inputShape() {
        return network.inputShape();
    }

    /** {@return the number of classes} */
    public int classCount() {
        return network.classCount();
    }

    /** {@return the class names, or empty when the model carries none} */
    public List<String> labels() {
        return network.definition().labels();
    }

    /** {@return the name of the backend chosen for this model} */
    public String backendName() {
        return network.backend().name();
    }

    /** {@return which backend runs each layer (a backend without a kernel for a layer leaves it to scalar)} */
    public List<String> layerBackends() {
        return network.layerBackends();
    }

    /** {@return the intra-op thread count, the caller's included} */
    public int threads() {
        return pool.threads();
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return pool.isClosed();
    }

    /** Stops the thread pool and drops idle sessions; idempotent, and safe while other threads predict. */
    @Override
    public void close() {
        pool.close();
        idleSessions.clear();
    }

    private void checkOpen() {
        if (pool.isClosed()) {
            throw closedError(network);
        }
    }

    static VinferException closedError(CompiledNetwork network) {
        return new VinferException("model closed: " + UntrustedText.name(network.definition().name())
                + " cannot run after close()");
    }
}
