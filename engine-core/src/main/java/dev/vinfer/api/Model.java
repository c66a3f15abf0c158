package dev.vinfer.api;

import dev.vinfer.graph.NetworkDefinition;
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
     */
    public Prediction predict(Tensor input) {
        InferenceSession session = idleSessions.poll();
        if (session == null) {
            session = newSession();
        }
        try {
            return session.run(input).copy();
        } finally {
            idleSessions.offer(session);
        }
    }

    /** A session of one's own, for a thread that wants zero-allocation runs. */
    public InferenceSession newSession() {
        return new InferenceSession(network, pool);
    }

    public NetworkDefinition definition() {
        return network.definition();
    }

    /** One image's input shape ({@code n == 1}). */
    public TensorShape inputShape() {
        return network.inputShape();
    }

    public int classCount() {
        return network.classCount();
    }

    /** Class names, or empty when the model carries none. */
    public List<String> labels() {
        return network.definition().labels();
    }

    /** Name of the backend chosen for this model. */
    public String backendName() {
        return network.backend().name();
    }

    /**
     * Which backend runs each step (a backend without a kernel for a layer leaves it to scalar); a
     * step is a layer or a fused chain of layers, see {@link #steps()}.
     */
    public List<String> layerBackends() {
        return network.layerBackends();
    }

    /**
     * The steps an inference runs, in order, then the softmax: one entry per timing slot of
     * {@link InferenceSession#runProfiled}.
     */
    public List<StepInfo> steps() {
        return network.steps();
    }

    public int threads() {
        return pool.threads();
    }

    @Override
    public void close() {
        pool.close();
    }
}
