package dev.vinfer.api;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.plan.ExecutionPlan;
import dev.vinfer.plan.Step;
import dev.vinfer.runtime.CompiledModel;
import dev.vinfer.runtime.WorkerPool;
import dev.vinfer.tensor.NdArray;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A loaded, compiled model. Immutable apart from its reusable scratch: share one instance between
 * any number of threads. It owns a small intra-op thread pool ({@link ModelOptions#threads()} - 1
 * daemon threads, the caller being the last one); {@link #close()} stops it.
 *
 * <p>Any graph runs with {@link #run(Map)}: tensors in the model's own layout (ONNX: NCHW), outputs
 * as the graph names them. An image classifier (one rank-4 image input, one {@code [N, classes]}
 * output) also takes NHWC image batches with {@link #predict}, which adds the softmax and top-k.
 *
 * <p>Lifecycle: {@link #close()} may be called at any time, from any thread, any number of times.
 * Calls already running when it is called finish (on their own thread, without the pool's workers);
 * every call that starts after it ({@link #predict}, {@link #run(Map)}, {@link #newSession},
 * {@link InferenceSession#run}) fails at once with a {@link VinferException} whose message starts
 * with "model closed".
 */
public final class Model implements AutoCloseable {
    private final CompiledModel compiled;
    private final WorkerPool pool;
    private final ConcurrentLinkedQueue<InferenceSession> idleSessions = new ConcurrentLinkedQueue<>();

    Model(CompiledModel compiled, int threads) {
        this.compiled = compiled;
        this.pool = new WorkerPool(threads);
    }

    /**
     * Runs a batch of images and returns a prediction the caller keeps. Thread-safe: each concurrent
     * call borrows its own session, and sessions are reused, so steady use does not re-plan buffers.
     *
     * @param input a batch of images, NHWC, already preprocessed as {@link #preprocessing()} says; only
     *              read
     * @return each image's scores and probabilities, in arrays of its own
     * @throws VinferException when the model is not an image classifier, the input does not fit, or the
     *                         model is closed
     */
    public Prediction predict(Tensor input) {
        InferenceSession session = borrow();
        try {
            return session.run(input).copy();
        } finally {
            giveBack(session);
        }
    }

    /**
     * Runs the graph on named inputs. Thread-safe, like {@link #predict}.
     *
     * @param inputs one tensor per graph input, by name, in the model's own layout (ONNX: NCHW); only
     *               read
     * @return every graph output by name, in graph order, in new arrays the caller keeps
     * @throws VinferException when an input is missing or unknown, the shapes do not fit the model
     *                         (naming the node), or the model is closed
     */
    public Map<String, NdArray> run(Map<String, NdArray> inputs) {
        InferenceSession session = borrow();
        try {
            return session.run(inputs);
        } finally {
            giveBack(session);
        }
    }

    /**
     * {@link #run(Map)} for a model with one input and one output.
     *
     * @param input the value of the only graph input, in the model's own layout; only read
     * @return the only graph output, in a new array the caller keeps
     * @throws VinferException when the model has several inputs or outputs, or as {@link #run(Map)}
     */
    public NdArray run(NdArray input) {
        List<String> inputs = compiled.inputNames();
        List<String> outputs = compiled.outputNames();
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new VinferException("the model has " + inputs.size() + " inputs and " + outputs.size()
                    + " outputs; name them (inputs " + inputs + ", outputs " + outputs + ")");
        }
        return run(Map.of(inputs.getFirst(), input)).get(outputs.getFirst());
    }

    private InferenceSession borrow() {
        checkOpen();
        InferenceSession session = idleSessions.poll();
        return session != null ? session : newSession();
    }

    private void giveBack(InferenceSession session) {
        if (!pool.isClosed()) {
            idleSessions.offer(session); // a closed model keeps no sessions (their buffers) alive
        }
    }

    /**
     * {@return a session of one's own, for a thread that wants zero-allocation runs}
     *
     * @throws VinferException if the model is closed
     */
    public InferenceSession newSession() {
        checkOpen();
        return new InferenceSession(this, compiled, pool);
    }

    /** {@return the graph the engine runs (after its passes: folded, fused)} */
    public Graph graph() {
        return compiled.graph();
    }

    /** {@return the names of the graph inputs, in the graph's order} */
    public List<String> inputNames() {
        return compiled.inputNames();
    }

    /** {@return the names of the graph outputs, in the graph's order} */
    public List<String> outputNames() {
        return compiled.outputNames();
    }

    /**
     * The plan for inputs of these logical shapes: steps, shapes, kernels, activation memory. Plans
     * are made once per set of shapes and shared.
     *
     * @param inputShapes the logical shape of every graph input, by name
     * @return the plan that runs for those shapes
     * @throws VinferException when the shapes do not fit the model, naming the node
     */
    public ExecutionPlan plan(Map<String, int[]> inputShapes) {
        try {
            return compiled.plan(inputShapes);
        } catch (IllegalArgumentException e) {
            throw new VinferException(e.getMessage(), e);
        }
    }

    /**
     * {@return the plan at batch 1 and the model's own input size, or empty when that size is not
     * known (inputs with symbolic height and width and no image size in the metadata)}
     */
    public Optional<ExecutionPlan> defaultPlan() {
        Map<String, int[]> shapes = compiled.defaultShapes();
        return shapes == null ? Optional.empty() : Optional.of(plan(shapes));
    }

    /**
     * {@return whether this is an image classifier, which {@link #predict} needs: one rank-4 input, one
     * output of one score vector per image}
     */
    public boolean isImageClassifier() {
        return imageClassifierProblem() == null;
    }

    /** Why {@link #predict} cannot be used, or null when it can. */
    String imageClassifierProblem() {
        Graph g = compiled.graph();
        if (g.inputs().size() != 1 || g.inputs().getFirst().rank() != 4) {
            return "the model is not an image model: it needs one input of rank 4 (N, C, H, W), it has " + g.inputs();
        }
        if (g.outputs().size() != 1) {
            return "the model has " + g.outputs().size() + " outputs, a classifier has one";
        }
        Optional<ExecutionPlan> plan = defaultPlan();
        if (plan.isPresent()) {
            int[] out = plan.get().outputs().getFirst().logical();
            boolean vector = out.length == 2 || (out.length == 4 && out[2] == 1 && out[3] == 1);
            if (!vector) {
                return "the model's output has shape " + java.util.Arrays.toString(out) + ", not one score vector per image";
            }
        }
        return null;
    }

    /**
     * {@return one image's input shape ({@code n == 1}, NHWC), for an image model whose size is known}
     *
     * @throws VinferException when the model has no single image input of known size
     */
    public TensorShape inputShape() {
        int[] s = requireDefaultShape();
        return TensorShape.image(s[2], s[3], s[1]);
    }

    private int[] requireDefaultShape() {
        Map<String, int[]> shapes = compiled.defaultShapes();
        if (shapes == null || shapes.size() != 1 || shapes.values().iterator().next().length != 4) {
            throw new VinferException("the model has no fixed image input size: " + compiled.graph().inputs());
        }
        return shapes.values().iterator().next();
    }

    /**
     * {@return the number of classes of an image classifier}
     *
     * @throws VinferException when the output size is not known before a run
     */
    public int classCount() {
        ExecutionPlan plan = defaultPlan().orElseThrow(() -> new VinferException("the model's output size is not known until it runs"));
        return plan.outputs().getFirst().dim(1);
    }

    /** {@return the class names, one per class, or empty when the model carries none} */
    public List<String> labels() {
        return compiled.graph().metadata().labels();
    }

    /** {@return how pixels become this model's input, or empty unless it is an image model that says so} */
    public Optional<Preprocessing> preprocessing() {
        return compiled.graph().metadata().preprocessing();
    }

    /** Whether the graph's output is already a probability distribution (it ends in Softmax). */
    boolean outputsProbabilities() {
        Node last = compiled.graph().producer(compiled.outputNames().getFirst());
        return last != null && last.op().equals(Ops.SOFTMAX);
    }

    /** {@return the name of the backend chosen for this model} */
    public String backendName() {
        return compiled.backend().name();
    }

    /**
     * {@return the backend that runs each computing step of the default plan, in step order (a backend
     * without a kernel for a node leaves it to scalar; steps that only move data are the engine's own and
     * are not listed); empty when there is no default plan}
     */
    public List<String> layerBackends() {
        return defaultPlan().map(p -> p.steps().stream().map(Step::backend).filter(b -> !b.equals(Step.ENGINE)).toList())
                .orElse(List.of());
    }

    /** {@return the number of intra-op threads, the calling thread included} */
    public int threads() {
        return pool.threads();
    }

    /** The input shapes of an image batch of {@code shape} (NHWC) for the single image input. */
    Map<String, int[]> imageInputShapes(TensorShape shape) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put(compiled.inputNames().getFirst(), new int[] {shape.n(), shape.c(), shape.h(), shape.w()});
        return shapes;
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return pool.isClosed();
    }

    /** Stops the thread pool; idempotent, and safe while other threads are running the model. */
    @Override
    public void close() {
        pool.close();
        idleSessions.clear();
    }

    void checkOpen() {
        if (pool.isClosed()) {
            throw new VinferException("model closed: " + UntrustedText.name(compiled.graph().name()) + " cannot run after close()");
        }
    }
}
