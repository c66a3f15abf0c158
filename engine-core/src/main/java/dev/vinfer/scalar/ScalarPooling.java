package dev.vinfer.scalar;

import dev.vinfer.ops.Pooling;
import dev.vinfer.scalar.ops.Pool2d;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;

/** Reference max or average pool: the {@link Pool2d} kernel, one task per output row of one image. */
final class ScalarPooling implements PreparedLayer {
    private final Pooling pool;

    ScalarPooling(Pooling pool) {
        this.pool = pool;
    }

    @Override
    public Pooling spec() {
        return pool;
    }

    @Override
    public BoundLayer bind(Tensor input, Tensor output, int workers) {
        Pool2d kernel = Pool2d.of(pool, input.shape());
        int[] out = kernel.outputShape();
        long costPerRow = (long) out[2] * out[3] * pool.kernelH() * pool.kernelW();
        float[] src = input.data();
        float[] dst = output.data();
        return BoundLayer.of(kernel.taskCount(), costPerRow, (from, to, worker) -> kernel.run(src, dst, from, to));
    }
}
