package dev.vinfer.api;

import dev.vinfer.plan.ExecutionPlan;
import dev.vinfer.plan.PlanBinding;
import dev.vinfer.plan.Step;
import dev.vinfer.runtime.CompiledModel;
import dev.vinfer.runtime.WorkerPool;
import dev.vinfer.tensor.NdArray;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One caller's scratch for running a {@link Model}: buffers planned once per input shape and reused
 * by every run, so a steady stream of same-sized batches allocates nothing. Not thread-safe: give
 * each thread its own session (or call {@link Model#predict}, which does that for you). A run that
 * starts after its model was closed fails with a "model closed" {@link VinferException}.
 */
public final class InferenceSession {
    private final Model model;
    private final CompiledModel compiled;
    private final WorkerPool pool;
    private PlanBinding binding;
    private TensorShape boundImageShape;
    /** The view over the binding's outputs, made once per binding so runs allocate nothing. */
    private Prediction view;
    private float[] logits;
    private float[] probabilities;

    InferenceSession(Model model, CompiledModel compiled, WorkerPool pool) {
        this.model = model;
        this.compiled = compiled;
        this.pool = pool;
    }

    /**
     * Runs a batch of NHWC images through an image classifier. The returned prediction is a view over
     * this session's buffers, valid until the next run; the input is only read.
     *
     * @param input a batch of images, NHWC, preprocessed as the model expects
     * @return the batch's scores and probabilities, a view valid until this session's next run
     * @throws VinferException if the model is not an image classifier, the input does not fit it, or
     *                         the model is closed
     */
    public Prediction run(Tensor input) {
        bindImage(input.shape());
        binding.setInputNhwc(0, input.data());
        binding.run(pool);
        return finishPrediction();
    }

    /**
     * Like {@link #run(Tensor)} but adds each step's wall time to {@code nanosPerStep} (one slot per
     * step of {@link #steps(TensorShape)}), for profiles.
     *
     * @param input        a batch of images, NHWC, preprocessed as the model expects
     * @param nanosPerStep one counter per step, in nanoseconds; each is added to, not reset
     * @return the batch's scores and probabilities, a view valid until this session's next run
     * @throws IllegalArgumentException when {@code nanosPerStep} has not one slot per step
     * @throws VinferException          as {@link #run(Tensor)}
     */
    public Prediction runProfiled(Tensor input, long[] nanosPerStep) {
        bindImage(input.shape());
        if (nanosPerStep.length != binding.plan().steps().size()) {
            throw new IllegalArgumentException("need " + binding.plan().steps().size() + " timing slots");
        }
        binding.setInputNhwc(0, input.data());
        binding.runTimed(pool, nanosPerStep);
        return finishPrediction();
    }

    /**
     * {@return the steps a run of an image batch of this shape executes, in order (for profiles)}
     * Plans and binds the session's buffers for that shape, as a run would.
     *
     * @param imageBatch the NHWC shape of an image batch
     * @throws VinferException as {@link #run(Tensor)}
     */
    public List<Step> steps(TensorShape imageBatch) {
        bindImage(imageBatch);
        return binding.plan().steps();
    }

    /**
     * Runs the graph on named inputs in the model's own layout.
     *
     * @param inputs one tensor per graph input, by name; only read
     * @return every graph output by name, in graph order, in new arrays the caller keeps
     * @throws VinferException when an input is missing or unknown, the shapes do not fit the model, or
     *                         the model is closed
     */
    public Map<String, NdArray> run(Map<String, NdArray> inputs) {
        List<String> names = compiled.inputNames();
        for (String name : inputs.keySet()) {
            if (!names.contains(name)) {
                throw new VinferException("the model has no input '" + name + "'; its inputs are " + names);
            }
        }
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (String name : names) {
            NdArray value = inputs.get(name);
            if (value == null) {
                throw new VinferException("input '" + name + "' is missing; the model's inputs are " + names);
            }
            shapes.put(name, value.shape());
        }
        bind(shapes);
        boundImageShape = null;
        for (int i = 0; i < names.size(); i++) {
            binding.setInput(i, inputs.get(names.get(i)).data(), pool);
        }
        binding.run(pool);
        Map<String, NdArray> outputs = new LinkedHashMap<>();
        List<String> outNames = compiled.outputNames();
        for (int i = 0; i < outNames.size(); i++) {
            outputs.put(outNames.get(i), binding.output(i));
        }
        return outputs;
    }

    private void bindImage(TensorShape shape) {
        model.checkOpen();
        if (shape.equals(boundImageShape)) {
            return;
        }
        String problem = model.imageClassifierProblem();
        if (problem != null) {
            throw new VinferException(problem + "; use run() with named tensors");
        }
        int declaredChannels = compiled.graph().inputs().getFirst().dims()[1];
        if (declaredChannels > 0 && declaredChannels != shape.c()) {
            throw new VinferException("input " + shape + " does not fit the model, which takes images of "
                    + declaredChannels + " channels");
        }
        bind(model.imageInputShapes(shape));
        int[] out = binding.plan().outputs().getFirst().logical();
        int classes = out[1];
        int batch = shape.n();
        logits = new float[batch * classes];
        probabilities = model.outputsProbabilities() ? logits : new float[batch * classes];
        view = new Prediction(batch, classes, logits, probabilities, compiled.graph().metadata().labels());
        boundImageShape = shape;
    }

    private void bind(Map<String, int[]> shapes) {
        model.checkOpen();
        ExecutionPlan plan;
        try {
            plan = compiled.plan(shapes);
        } catch (IllegalArgumentException e) {
            throw new VinferException(e.getMessage(), e);
        }
        if (binding == null || binding.plan() != plan) {
            binding = new PlanBinding(plan, pool.threads());
            boundImageShape = null;
        }
    }

    private Prediction finishPrediction() {
        binding.readOutput(0, logits);
        if (probabilities != logits) {
            int classes = view.classCount();
            for (int image = 0; image < view.batchSize(); image++) {
                softmax(logits, probabilities, image * classes, classes);
            }
        }
        return view;
    }

    /** Softmax of one image's scores: max-subtracted, so large logits cannot overflow. */
    private static void softmax(float[] in, float[] out, int offset, int count) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, in[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            float e = (float) Math.exp(in[offset + i] - max);
            out[offset + i] = e;
            sum += e;
        }
        float scale = (float) (1.0 / sum);
        for (int i = 0; i < count; i++) {
            out[offset + i] *= scale;
        }
    }

    @Override
    public String toString() {
        return "InferenceSession" + (binding == null ? "" : Arrays.toString(binding.plan().slotSizes()));
    }
}
