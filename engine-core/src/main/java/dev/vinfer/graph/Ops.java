package dev.vinfer.graph;

import java.util.Set;

/**
 * The core operator set: what a {@link Graph} may contain. Names and semantics are those of ONNX at
 * opset 17 (the newest form of each operator), so an importer for another opset normalises to it:
 * an attribute that later opsets turned into an input (Clip's min/max, Pad's pads and value,
 * Reshape's shape) becomes a constant input here. Importers translate, nothing more: the engine's
 * passes fold and fuse.
 *
 * <p>Inputs (an empty name omits an optional one) and attributes, per operator:
 * <ul>
 * <li>{@code Conv(X, W[O, I/group, kH, kW], B?)}: {@code kernel_shape}, {@code strides},
 *     {@code dilations}, {@code pads} [top, left, bottom, right], {@code group}, {@code auto_pad}
 *     (NOTSET, SAME_UPPER, SAME_LOWER, VALID; TensorFlow/Keras "same" is SAME_UPPER). Fused forms made
 *     by the engine's passes add {@code activation} (see {@link #ACTIVATION}) and a fourth input, a
 *     residual added before the activation.</li>
 * <li>{@code BatchNormalization(X, scale, B, mean, var)}: {@code epsilon} (inference only).</li>
 * <li>{@code Relu, Sigmoid, Tanh, HardSwish(X)}; {@code LeakyRelu(X)}: {@code alpha};
 *     {@code HardSigmoid(X)}: {@code alpha, beta}; {@code Clip(X, min?, max?)} (bounds as inputs);
 *     {@code PRelu(X, slope)}.</li>
 * <li>{@code Add, Sub, Mul, Div(A, B)} with NumPy broadcasting.</li>
 * <li>{@code MaxPool(X)}: {@code kernel_shape, strides, pads, auto_pad, ceil_mode, dilations};
 *     {@code AveragePool(X)}: the same plus {@code count_include_pad}; {@code GlobalAveragePool(X)}.</li>
 * <li>{@code Concat(X...)}: {@code axis}; {@code Flatten(X)}: {@code axis};
 *     {@code Reshape(X, shape)}: {@code allowzero}; {@code Transpose(X)}: {@code perm}.</li>
 * <li>{@code Gemm(A, B, C?)}: {@code alpha, beta, transA, transB}; {@code MatMul(A, B)}.</li>
 * <li>{@code Softmax(X)}: {@code axis}; with {@link #LEGACY_SOFTMAX} = 1 the opset 1-12 meaning
 *     (coerce to 2-D at {@code axis}, default 1).</li>
 * <li>{@code Pad(X, pads, constant_value?)}: {@code mode} (constant, reflect, edge); pads as ONNX
 *     orders them (all begins, then all ends).</li>
 * <li>{@code Identity(X)}, {@code Dropout(X)} (inference: identity; extra outputs are not
 *     supported), {@code Constant()}: {@code value} (a tensor attribute).</li>
 * </ul>
 *
 * <p><b>Shape arithmetic.</b> Exporters compute shapes, pads and slice bounds with small integer
 * subgraphs ({@code torch.onnx.export} writes them for {@code nn.ReflectionPad2d}, {@code x.view(
 * x.size(0), -1)}, {@code chunk}). The planner evaluates such a node while planning whenever its
 * inputs are known then (constants, or outputs of nodes it evaluated; {@code Shape} of any value,
 * whose shape is fixed once the plan is bound to input shapes), so it costs no step at run time.
 * Slice, Split, Gather, Squeeze, Unsqueeze, Cast and Expand also run on activations.
 * <ul>
 * <li>{@code Shape(X)}: {@code start}, {@code end} (opset 15; default the whole shape).</li>
 * <li>{@code Gather(X, indices)}: {@code axis}; {@code Slice(X, starts, ends, axes?, steps?)}
 *     (ends clamped as ONNX says, so INT64_MAX means "to the end");
 *     {@code Split(X, split?)}: {@code axis}, one output per part (equal parts without
 *     {@code split}).</li>
 * <li>{@code Unsqueeze(X, axes)}, {@code Squeeze(X, axes?)}; {@code Expand(X, shape)};
 *     {@code ConstantOfShape(shape)}: {@code value} (a one-element tensor, default 0);
 *     {@code Range(start, limit, delta)}.</li>
 * <li>{@code Cast(X)}: {@code to}, an ONNX {@code TensorProto.DataType} code: float types keep the
 *     value, integer types truncate toward zero, BOOL gives 0 or 1 (FLOAT16 is refused).</li>
 * <li>{@code Equal(A, B)} (1 or 0), {@code Where(condition, X, Y)}, with NumPy broadcasting.</li>
 * </ul>
 *
 * <p><b>Integer values.</b> Every tensor is float32 in this engine; integer and boolean tensors
 * (ONNX INT64, INT32, BOOL...) hold their exact values as floats. An importer marks each node
 * whose output is integer-typed in the model with {@link #INTEGER_OUTPUT} = 1; the engine then
 * keeps integer semantics where they differ: such a {@code Div} truncates toward zero, as int64
 * division does ({@code 7 / 2 = 3}, {@code -7 / 2 = -3}).
 */
public final class Ops {
    /** 2-D convolution, grouped (depthwise when {@code group} equals the channels) and dilated. */
    public static final String CONV = "Conv";
    /**
     * Batch normalisation with running statistics (inference form); the passes fold it into the Conv
     * before it where they can.
     */
    public static final String BATCH_NORMALIZATION = "BatchNormalization";
    /** {@code max(x, 0)}. */
    public static final String RELU = "Relu";
    /** {@code min(max(x, min), max)}, the bounds as optional constant inputs (ReLU6 clips to [0, 6]). */
    public static final String CLIP = "Clip";
    /** {@code x} for positive {@code x}, {@code alpha * x} otherwise. */
    public static final String LEAKY_RELU = "LeakyRelu";
    /** Leaky ReLU with a learned slope tensor, broadcast against the input. */
    public static final String PRELU = "PRelu";
    /** {@code 1 / (1 + exp(-x))}. */
    public static final String SIGMOID = "Sigmoid";
    /** {@code max(0, min(1, alpha * x + beta))}. */
    public static final String HARD_SIGMOID = "HardSigmoid";
    /** {@code x * max(0, min(1, x / 6 + 1/2))}. */
    public static final String HARD_SWISH = "HardSwish";
    /** Hyperbolic tangent. */
    public static final String TANH = "Tanh";
    /** Element-wise sum with broadcasting. */
    public static final String ADD = "Add";
    /** Element-wise difference with broadcasting. */
    public static final String SUB = "Sub";
    /** Element-wise product with broadcasting. */
    public static final String MUL = "Mul";
    /** Element-wise quotient with broadcasting. */
    public static final String DIV = "Div";
    /** 2-D max pooling. */
    public static final String MAX_POOL = "MaxPool";
    /** 2-D average pooling. */
    public static final String AVERAGE_POOL = "AveragePool";
    /** Mean over the spatial dimensions, keeping them as extent 1. */
    public static final String GLOBAL_AVERAGE_POOL = "GlobalAveragePool";
    /** Joins its inputs along {@code axis}. */
    public static final String CONCAT = "Concat";
    /** Reshapes to 2-D: the dimensions before {@code axis} times those from it. */
    public static final String FLATTEN = "Flatten";
    /** Reshapes to the shape given by a constant input (0 copies a dimension, -1 infers one). */
    public static final String RESHAPE = "Reshape";
    /** Permutes the dimensions by {@code perm} (reverses them when absent). */
    public static final String TRANSPOSE = "Transpose";
    /** {@code alpha * A' * B' + beta * C}, each of A and B optionally transposed. */
    public static final String GEMM = "Gemm";
    /** Matrix product with NumPy semantics. */
    public static final String MATMUL = "MatMul";
    /** Normalised exponentials along {@code axis}. */
    public static final String SOFTMAX = "Softmax";
    /** Pads with a constant, a reflection or the edge values. */
    public static final String PAD = "Pad";
    /** Its input, unchanged; the passes remove it where its output is not a graph output. */
    public static final String IDENTITY = "Identity";
    /** Identity at inference; the passes remove it like {@link #IDENTITY}. */
    public static final String DROPOUT = "Dropout";
    /** A tensor given as its {@code value} attribute; the passes turn it into a graph constant. */
    public static final String CONSTANT = "Constant";
    /** The shape of a tensor as an integer vector (evaluated while planning). */
    public static final String SHAPE = "Shape";
    /** Entries along one axis picked by index. */
    public static final String GATHER = "Gather";
    /** A strided sub-range along some axes. */
    public static final String SLICE = "Slice";
    /** Consecutive parts along one axis, one output each. */
    public static final String SPLIT = "Split";
    /** A change of element type (see the class comment). */
    public static final String CAST = "Cast";
    /** A tensor of a given shape filled with one value. */
    public static final String CONSTANT_OF_SHAPE = "ConstantOfShape";
    /** Inserts axes of length 1. */
    public static final String UNSQUEEZE = "Unsqueeze";
    /** Removes axes of length 1. */
    public static final String SQUEEZE = "Squeeze";
    /** Broadcasts a tensor to a shape. */
    public static final String EXPAND = "Expand";
    /** An arithmetic sequence. */
    public static final String RANGE = "Range";
    /** Element-wise equality, 1 or 0. */
    public static final String EQUAL = "Equal";
    /** Element-wise choice between two tensors by a condition. */
    public static final String WHERE = "Where";

    /**
     * Attribute set by the activation-fusion pass on Conv and Gemm: the name of the unary operator
     * applied in the epilogue ({@code Relu}, {@code Clip}, {@code LeakyRelu}, {@code HardSwish},
     * {@code Sigmoid}, {@code HardSigmoid}, {@code Tanh}), its parameters in {@code activation_min},
     * {@code activation_max}, {@code activation_alpha}, {@code activation_beta}.
     */
    public static final String ACTIVATION = "activation";
    /**
     * Attribute of any node: 1 when its output is an integer or boolean tensor in the model (held as
     * exact floats), so a {@code Div} truncates toward zero. Absent or 0: a real-valued tensor.
     */
    public static final String INTEGER_OUTPUT = "integer_output";
    /**
     * Attribute set by the pairing pass on a depthwise Conv whose only reader is a pointwise Conv: that
     * reader's node name. The planner offers the two to the backend as one fused step.
     */
    public static final String FUSE_WITH_NEXT = "fuse_with_next";
    /** Attribute of Softmax: 1 for the opset 1-12 "coerce to 2-D" meaning. */
    public static final String LEGACY_SOFTMAX = "legacy_coerce_2d";

    /** Every operator a graph may hold. */
    public static final Set<String> ALL = Set.of(CONV, BATCH_NORMALIZATION, RELU, CLIP, LEAKY_RELU, PRELU,
            SIGMOID, HARD_SIGMOID, HARD_SWISH, TANH, ADD, SUB, MUL, DIV, MAX_POOL, AVERAGE_POOL,
            GLOBAL_AVERAGE_POOL, CONCAT, FLATTEN, RESHAPE, TRANSPOSE, GEMM, MATMUL, SOFTMAX, PAD,
            IDENTITY, DROPOUT, CONSTANT, SHAPE, GATHER, SLICE, SPLIT, CAST, CONSTANT_OF_SHAPE, UNSQUEEZE, SQUEEZE,
            EXPAND, RANGE, EQUAL, WHERE);

    private Ops() {
    }
}
