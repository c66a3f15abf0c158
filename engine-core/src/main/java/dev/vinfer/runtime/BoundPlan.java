package dev.vinfer.runtime;

import dev.vinfer.spi.BoundLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

/**
 * The execution plan of one session for one batch size: every activation buffer allocated once,
 * every layer bound to its buffers. Intermediate layers ping-pong between two buffers sized for the
 * largest activation; the logits and probabilities get buffers of their own because the caller
 * reads both after the run.
 */
public final class BoundPlan {
    private final int batch;
    private final Tensor input;
    private final Tensor logits;
    private final Tensor probabilities;
    private final BoundLayer[] steps;

    public BoundPlan(CompiledNetwork network, int batch, int workers) {
        this.batch = batch;
        var shapes = network.imageShapes();
        int layerCount = network.layers().size();
        int largest = 0;
        for (int i = 1; i < layerCount; i++) { // outputs of all but the last layer
            largest = Math.max(largest, shapes.get(i).withBatch(batch).size());
        }
        float[][] pingPong = {new float[largest], new float[largest]};
        this.input = Tensor.zeros(shapes.getFirst().withBatch(batch));
        this.logits = Tensor.zeros(shapes.getLast().withBatch(batch));
        this.probabilities = Tensor.zeros(shapes.getLast().withBatch(batch));
        this.steps = new BoundLayer[layerCount + 1];
        Tensor current = input;
        for (int i = 0; i < layerCount; i++) {
            TensorShape outShape = shapes.get(i + 1).withBatch(batch);
            Tensor out = i == layerCount - 1 ? logits : Tensor.view(outShape, pingPong[i % 2]);
            steps[i] = network.layers().get(i).bind(current, out, workers);
            current = out;
        }
        steps[layerCount] = network.softmax().bind(logits, probabilities, workers);
    }

    public int batch() {
        return batch;
    }

    public Tensor input() {
        return input;
    }

    public Tensor logits() {
        return logits;
    }

    public Tensor probabilities() {
        return probabilities;
    }

    /** Runs every layer; the input buffer must already hold the batch. */
    public void run(WorkerPool pool) {
        for (BoundLayer step : steps) {
            pool.run(step);
        }
    }

    /**
     * Runs every layer and adds each one's wall time to {@code nanos} (one slot per layer, the last
     * for the softmax), for per-layer profiles.
     */
    public void runTimed(WorkerPool pool, long[] nanos) {
        for (int i = 0; i < steps.length; i++) {
            long start = System.nanoTime();
            pool.run(steps[i]);
            nanos[i] += System.nanoTime() - start;
        }
    }
}
