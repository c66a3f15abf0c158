package dev.vinfer.onnx;

import dev.vinfer.io.UntrustedText;
import dev.vinfer.onnx.proto.DataTypes;
import dev.vinfer.onnx.proto.MalformedModelException;
import dev.vinfer.onnx.proto.TensorProto;
import dev.vinfer.tensor.NdArray;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The constants of a model being imported (initializers, Constant nodes, bounds made from legacy
 * attributes), each with the ONNX data type it was stored as. Everything becomes a float32
 * {@link NdArray}; integer and boolean tensors hold their values exactly and may only be used where
 * the importer allows them ({@link #isFloat}).
 */
final class ConstantTable {
    private final Map<String, NdArray> values = new LinkedHashMap<>();
    private final Map<String, Integer> types = new LinkedHashMap<>();
    private final Map<String, Long> inexact = new LinkedHashMap<>();

    /** Decodes a tensor (initializer or Constant value) under {@code name}. */
    void addTensor(String name, TensorProto tensor, String what) {
        if (tensor.isExternal()) {
            throw new MalformedModelException(what + " " + UntrustedText.quote(name)
                    + " keeps its data in an external file (data_location = EXTERNAL), which vinfer does not read");
        }
        if (tensor.isSegment()) {
            throw new MalformedModelException(what + " " + UntrustedText.quote(name) + " is a segment of a tensor, which vinfer does not read");
        }
        int[] shape = tensor.shape();
        if (shape.length > NdArray.MAX_RANK) {
            throw new MalformedModelException(what + " " + UntrustedText.quote(name) + " has rank " + shape.length + " "
                    + Arrays.toString(shape) + "; vinfer handles rank " + NdArray.MAX_RANK + " at most");
        }
        boolean integer = DataTypes.isInteger(tensor.dataType());
        add(name, NdArray.wrap(shape, integer ? tensor.toFloatsSaturated() : tensor.toFloats()), tensor.dataType());
        if (integer && tensor.firstInexactInteger() != null) {
            inexact.put(name, tensor.firstInexactInteger());
        }
    }

    /**
     * Records a constant some of whose integers float32 cannot hold exactly (held saturated at
     * +-2^30): it may only be read where any value past an axis length means the same.
     */
    void markInexact(String name, long firstValue) {
        inexact.put(name, firstValue);
    }

    /** The first integer of constant {@code name} that float32 cannot hold exactly, or null when all are exact. */
    Long inexactInteger(String name) {
        return inexact.get(name);
    }

    void add(String name, NdArray value, int dataType) {
        if (values.putIfAbsent(name, value) != null) {
            throw new MalformedModelException("value " + UntrustedText.quote(name) + " is defined twice");
        }
        types.put(name, dataType);
    }

    boolean contains(String name) {
        return values.containsKey(name);
    }

    NdArray get(String name) {
        return values.get(name);
    }

    /** Whether the constant was stored as float32 or float64 (or made by the importer), i.e. is a real number tensor. */
    boolean isFloat(String name) {
        int type = types.get(name);
        return type == TensorProto.FLOAT || type == TensorProto.DOUBLE;
    }

    String typeName(String name) {
        return DataTypes.name(types.get(name));
    }

    Map<String, NdArray> values() {
        return values;
    }
}
