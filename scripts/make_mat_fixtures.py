"""Writes the MAT-file fixtures of the tests with an independent writer, scipy.io.savemat.

Run with Debian's python (numpy from python3-numpy, scipy from python3-scipy, e.g. unpacked locally with
`apt-get download python3-scipy && dpkg-deb -x python3-scipy_*.deb DIR` and PYTHONPATH=DIR/usr/lib/python3/dist-packages):

    /usr/bin/python3 scripts/make_mat_fixtures.py tests/Fixtures/mat

The values are repeated by hand in the C# tests (tests/Puma.Core.Tests/Data/Mat, tests/Shared/TinyBenchmarkTree.cs).
"""
import sys
from pathlib import Path

import numpy as np
import scipy.io


def cell(values, shape=None):
    """A MATLAB cell array of the given values (1xN unless a shape is given)."""
    array = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        array[i] = value
    return array.reshape(shape or (1, len(values)))


def struct(fields, rows):
    """A 1xN MATLAB struct array with the given field names and one tuple of values per element."""
    array = np.empty((1, len(rows)), dtype=[(f, object) for f in fields])
    for i, row in enumerate(rows):
        for f, value in zip(fields, row):
            array[0, i][f] = value
    return array


def types():
    return {
        "d": np.array([[1.5, -2.0, 3.0], [4.0, 5.0, 6.25]]),
        "i8": np.array([-128, 0, 127], dtype=np.int8),
        "u16": np.array([[65535], [1]], dtype=np.uint16),
        "i32": np.array([-2147483648, 7], dtype=np.int32),
        "i64": np.array([2**53, -5], dtype=np.int64),
        "u64": np.array([12345678901], dtype=np.uint64),
        "f32": np.array([0.5, -1.25], dtype=np.float32),
        "flag": np.array([True, False, True]),
        "s": "hello",
        "u": "A\u00e7a\u00ed \u65e5\u672c",
        "rows": np.array(["ab", "cd"]),
        "empty": np.zeros((0, 0)),
        "cellv": cell(["x", 2.0, cell(["y"])]),
        "st": struct(["name", "value"], [("first", 1.0), ("second", np.array([[2.0, 3.0]]))]),
        "big": np.arange(1000, dtype=np.float64).reshape(10, 100),
    }


CAR_CLASSES = ["AM General Hummer SUV 2000", "Acura RL Sedan 2012", "Acura TL Sedan 2012", "Acura TL Type-S 2008"]


def cars_annos():
    fields = ["relative_im_path", "bbox_x1", "bbox_y1", "bbox_x2", "bbox_y2", "class", "test"]
    classes = [1, 1, 2, 3, 4, 4]
    rows = [(f"car_ims/{i + 1:06d}.jpg", np.uint8(10), np.uint8(20), np.uint16(300), np.uint16(200), np.uint8(c), np.uint8(i % 2))
            for i, c in enumerate(classes)]
    return {"annotations": struct(fields, rows), "class_names": cell(CAR_CLASSES)}


def cars_devkit_annos(classes):
    fields = ["bbox_x1", "bbox_y1", "bbox_x2", "bbox_y2", "class", "fname"]
    rows = [(39.0, 116.0, 569.0, 375.0, float(c), f"{i + 1:05d}.jpg") for i, c in enumerate(classes)]
    return {"annotations": struct(fields, rows)}


DOG_FILES = [
    "n02085620-Chihuahua/n02085620_10074.jpg",
    "n02085620-Chihuahua/n02085620_10131.jpg",
    "n02085782-Japanese_spaniel/n02085782_1039.jpg",
    "n02085936-Maltese_dog/n02085936_10073.jpg",
    "n02086079-Pekinese/n02086079_10059.jpg",
    "n02086079-Pekinese/n02086079_10110.jpg",
]
DOG_LABELS = [1, 1, 2, 3, 4, 4]


def dog_list(indices):
    files = [DOG_FILES[i] for i in indices]
    return {
        "file_list": cell(files, (len(files), 1)),
        "annotation_list": cell([f[:-4] for f in files], (len(files), 1)),
        "labels": np.array([[float(DOG_LABELS[i])] for i in indices]),
    }


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    scipy.io.savemat(out / "types-v6.mat", types(), do_compression=False)
    scipy.io.savemat(out / "types-v7.mat", types(), do_compression=True)
    scipy.io.savemat(out / "cars_annos.mat", cars_annos(), do_compression=True)
    scipy.io.savemat(out / "cars_meta.mat", {"class_names": cell(CAR_CLASSES)})
    scipy.io.savemat(out / "cars_train_annos.mat", cars_devkit_annos([1, 3, 4]))
    scipy.io.savemat(out / "cars_test_annos_withlabels.mat", cars_devkit_annos([2, 4]), do_compression=True)
    scipy.io.savemat(out / "file_list.mat", dog_list(range(6)))
    scipy.io.savemat(out / "train_list.mat", dog_list([0, 2, 3, 4]))
    scipy.io.savemat(out / "test_list.mat", dog_list([1, 5]), do_compression=True)
    scipy.io.savemat(out / "imagelabels.mat", {"labels": np.array([[1, 1, 2, 3, 4, 5, 5, 2, 4]], dtype=np.float64)})
    scipy.io.savemat(out / "setid.mat", {
        "trnid": np.array([[1, 3, 5]], dtype=np.uint16),
        "valid": np.array([[2, 4, 6]], dtype=np.uint16),
        "tstid": np.array([[7, 8, 9]], dtype=np.uint16),
    })
    # Read-back check with scipy itself, so a fixture never drifts from what the C# tests assert.
    back = scipy.io.loadmat(out / "types-v7.mat")
    assert back["d"].tolist() == [[1.5, -2.0, 3.0], [4.0, 5.0, 6.25]]
    assert str(back["u"][0]) == "A\u00e7a\u00ed \u65e5\u672c"
    cars = scipy.io.loadmat(out / "cars_annos.mat")
    assert [int(a[5][0][0]) for a in cars["annotations"][0]] == [1, 1, 2, 3, 4, 4]
    for f in sorted(out.glob("*.mat")):
        print(f.name, f.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/Fixtures/mat")
