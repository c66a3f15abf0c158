package dev.vinfer.api;

import dev.vinfer.runtime.BoundPlan;
import dev.vinfer.runtime.CompiledNetwork;
import dev.vinfer.runtime.WorkerPool;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

/**
 * One caller's scratch for running a {@link Model}: activation buffers planned once and reused by
 * every run, so a steady stream of same-sized batches allocates nothing. Not thread-safe: give each
 * thread its own session (or call {@link Model#predict}, which does that for you).
 */
public final class InferenceSession {
    private final CompiledNetwork network;
    private final WorkerPool pool;
    private BoundPlan plan;
    /** The view over {@link #plan}'s output buffers, made once per plan so runs allocate nothing. */
    private Prediction view;

    InferenceSession(CompiledNetwork network, WorkerPool pool) {
        this.network = network;
        this.pool = pool;
    }

    /**
     * Runs a batch. The returned prediction is a view over this session's buffers, valid until the
     * next run; the input is only read.
     *
     * @throws VinferException if the input's height, width or channels differ from the model's
     */
    public Prediction run(Tensor input) {
        BoundPlan bound = prepare(input.shape());
        System.arraycopy(input.data(), 0, bound.input().data(), 0, input.shape().size());
        bound.run(pool);
        return view;
    }

    /**
     * Like {@link #run} but adds each step's wall time to {@code nanosPerLayer} (one slot per
     * {@link Model#steps()} entry: each layer or fused chain, then the softmax), for profiles.
     */
    public Prediction runProfiled(Tensor input, long[] nanosPerLayer) {
        if (nanosPerLayer.length != network.layers().size() + 1) {
            throw new IllegalArgumentException("need " + (network.layers().size() + 1) + " timing slots");
        }
        BoundPlan bound = prepare(input.shape());
        System.arraycopy(input.data(), 0, bound.input().data(), 0, input.shape().size());
        bound.runTimed(pool, nanosPerLayer);
        return view;
    }

    private BoundPlan prepare(TensorShape shape) {
        TensorShape expected = network.inputShape();
        if (shape.h() != expected.h() || shape.w() != expected.w() || shape.c() != expected.c()) {
            throw new VinferException("input " + shape + " does not fit the model, which takes "
                    + expected.h() + "x" + expected.w() + "x" + expected.c() + " images (NHWC)");
        }
        if (plan == null || plan.batch() != shape.n()) {
            plan = new BoundPlan(network, shape.n(), pool.threads());
            view = new Prediction(plan.batch(), network.classCount(), plan.logits().data(),
                    plan.probabilities().data(), network.definition().labels());
        }
        return plan;
    }
}
