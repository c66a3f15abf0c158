#!/usr/bin/env python3
"""Export one seed MobileNet V1 twice: as safetensors for vinfer and as ONNX for ONNX Runtime.

Why this exists
---------------
vinfer's benchmarks compare it with ONNX Runtime (the ``peers`` Maven profile of
``benchmarks``). A fair comparison runs both engines on the very same weights,
so this script builds the seed model (``../shared/seed/seed_mobilenet_v1.py``)
at width 1.0, 224x224, 1000 classes, randomises its BatchNorms and biases the
way the test fixtures do (``tools/fixtures/make_seed_fixtures.py``), and writes

* ``seed_a100_224.safetensors``  the ``state_dict`` vinfer loads;
* ``seed_a100_224.onnx``         ``torch.onnx.export`` of the same model (opset 13);
* ``seed_a100_224.input_nchw.npy`` and ``.probs.npy``: one input and PyTorch's
  output, so the benchmark can check that both engines agree before timing them.

The files are large (17 MB each) and are generated, never committed. Needs
Debian's ``python3-torch``; run with ``/usr/bin/python3``::

    /usr/bin/python3 tools/peers/export_seed_onnx.py [--out benchmarks/target/peers]
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
import make_seed_fixtures as fixtures  # noqa: E402  (shared randomisation and writers)

NAME = "seed_a100_224"


class FlattenHead(torch.nn.Module):
    """The seed model's forward with torch.flatten(x, 1) in place of x.view(x.size(0), -1)."""

    def __init__(self, seed_model):
        super().__init__()
        self.seed = seed_model

    def forward(self, x):
        m = self.seed
        return m.fc(torch.flatten(m.pool(m.stage(m.conv1(x))), 1))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed-dir", default=str(fixtures.DEFAULT_SEED_DIR))
    parser.add_argument("--out", default=str(fixtures.REPO_ROOT / "benchmarks" / "target" / "peers"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    seed_module = fixtures.load_seed_module(args.seed_dir)
    torch.manual_seed(2024)
    model = seed_module.Mobilenet_v1(3, 1000, 1.0).eval()
    blocks = fixtures.randomise(model, seed_module)
    x = fixtures.make_input(1, 224, 224)
    fixtures.calibrate(model, blocks, x)

    state = model.state_dict()
    fixtures.write_safetensors(out / f"{NAME}.safetensors",
                               [(k, t, "I64" if t.dtype == torch.int64 else "F32") for k, t in state.items()])
    with torch.no_grad():
        probs = model(x)
    np.save(out / f"{NAME}.input_nchw.npy", x.numpy().astype("<f4"))
    np.save(out / f"{NAME}.probs.npy", probs.numpy().astype("<f4"))
    # A variable batch dimension, so the benchmark can time batches of 8 as well as single images.
    # FlattenHead: the seed's x.view(x.size(0), -1) would export as Shape/Gather/Unsqueeze/Concat
    # arithmetic on the batch size, which vinfer's ONNX importer does not read yet; Flatten is the
    # same computation in one operator, and both engines load this one file.
    torch.onnx.export(FlattenHead(model), x, str(out / f"{NAME}.onnx"), opset_version=13,
                      input_names=["input"], output_names=["probabilities"],
                      dynamic_axes={"input": {0: "batch"}, "probabilities": {0: "batch"}})
    print(f"wrote {out}/{NAME}.{{safetensors,onnx,input_nchw.npy,probs.npy}}")


if __name__ == "__main__":
    main()
