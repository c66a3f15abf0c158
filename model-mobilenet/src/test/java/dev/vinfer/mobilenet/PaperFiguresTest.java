package dev.vinfer.mobilenet;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code vinfer info}'s totals against Table 6 and 7 of the MobileNet paper (1000 classes). */
class PaperFiguresTest {

    @ParameterizedTest(name = "width {0} at {1}: {2} M mult-adds, {3} M parameters")
    @CsvSource({
            "1.0, 224, 569, 4.2",
            "0.75, 224, 325, 2.6",
            "0.5, 224, 149, 1.3",
            "0.25, 224, 41, 0.5",
            "1.0, 192, 418, 4.2",
            "1.0, 160, 290, 4.2",
            "1.0, 128, 186, 4.2",
    })
    void totalsMatchThePaper(double alpha, int size, double paperMillionMacs, double paperMillionParams) {
        NetworkDefinition net = MobileNetV1.synthetic(alpha, size, 1000, 1);
        List<TensorShape> shapes = net.shapes();
        long macs = 0;
        long params = 0;
        for (int i = 0; i < net.layers().size(); i++) {
            LayerSpec layer = net.layers().get(i);
            macs += layer.multiplyAdds(shapes.get(i));
            params += layer.parameterCount();
        }
        // The paper rounds to whole millions of mult-adds and tenths of millions of parameters.
        assertEquals(paperMillionMacs, macs / 1e6, 1.0, "multiply-adds");
        assertEquals(paperMillionParams, params / 1e6, 0.05, "parameters");
    }
}
