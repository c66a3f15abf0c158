#!/usr/bin/env python3
"""Export torchvision ResNet-18 and MobileNet V2 (224x224, 1000 classes) to ONNX for the peer benchmark.

Why this exists
---------------
vinfer's ``PeerBenchmark`` (``benchmarks``, Maven profile ``peers``) times vinfer
and ONNX Runtime on the very same ``.onnx`` file. Beside the seed MobileNet V1
(``export_seed_onnx.py``) it needs the two networks issue 9 asks about: a
residual network (ResNet-18: 3x3 convolutions, residual Add, MaxPool) and an
inverted-residual one (MobileNet V2: depthwise, ReLU6, residual Add).

The weights are random but seeded, and calibrated exactly as the ONNX test
fixtures are (``tools/fixtures/make_onnx_fixtures.py``: every Conv/Linear
output scaled to unit spread, BatchNorm running statistics, gamma and beta
randomised), so that activations neither vanish nor explode and a wrong
kernel shows in the output. Then, for each model NAME, it writes into
``benchmarks/target/peers`` (generated, never committed):

* ``NAME.onnx``             torch.onnx.export, opset 13, BatchNorm folded, input
                            ``input`` [batch, 3, 224, 224] with a dynamic batch
                            axis, output ``logits`` [batch, 1000];
* ``NAME.input_nchw.npy``   one float32 image (NCHW), about unit variance;
* ``NAME.logits.npy``       PyTorch's output for it, computed in float64 from the
                            float32-rounded weights (so the reference is the
                            exported model's exact answer, not PyTorch's float32
                            rounding of it).

Needs Debian's python3-torch and python3-torchvision; run from the repository
root with the system interpreter::

    /usr/bin/python3 tools/peers/export_torchvision_onnx.py [--out DIR] [--only resnet18 ...]
"""

import argparse
import copy
import sys
import warnings
from pathlib import Path

import numpy as np
import torch
import torchvision

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
import make_onnx_fixtures as fixtures  # noqa: E402  (shared calibration and inputs)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "benchmarks" / "target" / "peers"
SIZE = 224
CLASSES = 1000
OPSET = 13
# Images in the float64 calibration pass (8 are enough for the statistics and
# keep the pass under a minute on two cores).
CALIBRATION_SAMPLES = 8

# name -> (builder, module whose output are the logits, seed)
MODELS = {
    "resnet18": (lambda: torchvision.models.resnet18(weights=None, num_classes=CLASSES), "fc", 4001),
    "mobilenet_v2": (lambda: torchvision.models.mobilenet_v2(weights=None, num_classes=CLASSES), "classifier.1", 4002),
}


def export_model(name, out):
    build, head, seed = MODELS[name]
    torch.manual_seed(seed)
    model = build().eval()
    x = fixtures.make_input((1, 3, SIZE, SIZE))
    calibration = torch.cat([x, fixtures.make_input((CALIBRATION_SAMPLES - 1, 3, SIZE, SIZE))])
    fixtures.calibrate(model.double(), head, calibration.double())
    model.float()  # the exported values: every parameter rounded to float32
    model64 = copy.deepcopy(model).double()

    path = out / f"{name}.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        torch.onnx.export(model, (x,), str(path), opset_version=OPSET, do_constant_folding=True,
                          training=torch.onnx.TrainingMode.EVAL,
                          input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    with torch.no_grad():
        reference = model64(x.double()).numpy()
        float32 = model(x).double().numpy()
    np.save(out / f"{name}.input_nchw.npy", np.ascontiguousarray(x.numpy(), dtype="<f4"))
    np.save(out / f"{name}.logits.npy", np.ascontiguousarray(reference, dtype="<f4"))
    f32_err = float(np.abs(float32 - reference).max())
    print(f"wrote {path} ({path.stat().st_size:,} bytes): logits max |ref| {np.abs(reference).max():.3g}, "
          f"std {reference.std():.3g}, PyTorch float32 error {f32_err:.1e}, top class {int(reference.argmax())}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    parser.add_argument("--only", nargs="*", choices=sorted(MODELS), help="export only these models")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)  # float64 reductions round the same way on every run: same files
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}")
    for name in args.only or sorted(MODELS):
        export_model(name, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
