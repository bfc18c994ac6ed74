#!/usr/bin/python3
"""PyTorch reference for Puma's timm-ViT import (tests/Fixtures/vit-reference).

A minimal Vision Transformer written here in plain torch with timm's architecture and parameter names
(patch_embed.proj, cls_token, pos_embed, blocks.N.{norm1, attn.qkv, attn.proj, norm2, mlp.fc1, mlp.fc2}, norm,
head), because timm itself is not installed. Random weights, float32, eval mode, explicit softmax attention.

Writes (all safetensors, written by hand; F32 unless named *_f64):
  tiny_vit.safetensors   the weights under timm's names, incl. a 10-class `head`, metadata {"format": "pt"}
  tiny_vit.npz           the same weights under AugReg / big_vision names and layouts (numpy.savez)
  inputs.safetensors     images64 [2,3,64,64], images96 [2,3,96,96] (already normalised)
  expected.safetensors   tokens64 / cls64 (model at 64 px), tokens96 / cls96 (pos_embed resampled 4x4 -> 6x6 with
                         timm's resample_abs_pos_embed: bicubic, antialias=True), cls64_f16w / cls64_bf16w (weights
                         rounded to float16 / bfloat16, computed in float32)
  resample.safetensors   pos-embed resampling cases, D = 3, one prefix row: posemb [1,17,3] (grid 4x4) to 6x6 and
                         3x3 with antialias True and False (also computed in float64: *_f64), and posemb_4x3 [1,13,3]
                         (grid 4 rows x 3 columns) to 3x5

usage: /usr/bin/python3 scripts/vit_reference.py tests/Fixtures/vit-reference
"""
import hashlib
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from torch_vit_parts import Attention, Mlp

EMBED_DIM, DEPTH, HEADS, PATCH, IMAGE, MLP_RATIO, CLASSES = 96, 2, 3, 16, 64, 4, 10


class Block(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, dim * MLP_RATIO)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class PatchEmbed(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Conv2d(3, dim, kernel_size=PATCH, stride=PATCH)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class VisionTransformer(nn.Module):
    def __init__(self, grid):
        super().__init__()
        self.patch_embed = PatchEmbed(EMBED_DIM)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, EMBED_DIM))
        self.pos_embed = nn.Parameter(torch.zeros(1, 1 + grid * grid, EMBED_DIM))
        self.blocks = nn.Sequential(*[Block(EMBED_DIM, HEADS) for _ in range(DEPTH)])
        self.norm = nn.LayerNorm(EMBED_DIM, eps=1e-6)
        self.head = nn.Linear(EMBED_DIM, CLASSES)

    def forward_features(self, x):
        x = self.patch_embed(x)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        return self.norm(self.blocks(x))


def resample_pos_embed(posemb, new_size, old_size, prefix=1, antialias=True):
    """timm's resample_abs_pos_embed behaviour: prefix rows kept, grid rows resized as an image (bicubic)."""
    head, grid = posemb[:, :prefix], posemb[:, prefix:]
    d = posemb.shape[-1]
    grid = grid.reshape(1, old_size[0], old_size[1], d).permute(0, 3, 1, 2)
    grid = F.interpolate(grid, size=new_size, mode="bicubic", align_corners=False, antialias=antialias)
    return torch.cat([head, grid.permute(0, 2, 3, 1).reshape(1, -1, d)], dim=1)


def randomise(model, generator):
    """Deterministic random weights, larger than timm's init so that every part visibly matters."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm1.weight") or name.endswith("norm2.weight") or name == "norm.weight":
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=generator))
            elif name in ("pos_embed", "cls_token"):
                p.copy_(0.5 * torch.randn(p.shape, generator=generator))
            elif name.endswith("bias"):
                p.copy_(0.05 * torch.randn(p.shape, generator=generator))
            else:
                fan_in = p[0].numel()
                p.copy_(torch.randn(p.shape, generator=generator) / math.sqrt(fan_in))


def write_safetensors(path, tensors, metadata=None):
    dtypes = {torch.float32: ("F32", 4), torch.float64: ("F64", 8)}
    order = sorted(tensors, key=lambda n: (-dtypes[tensors[n].dtype][1], n))
    header, blobs, offset = {}, [], 0
    for name in order:
        t = tensors[name].detach().contiguous().cpu()
        data = t.numpy().tobytes()
        header[name] = {"dtype": dtypes[t.dtype][0], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def augreg_names(sd):
    """The same weights under the AugReg .npz names and jax layouts (HWIO kernels, [in, heads, head_dim] q/k/v)."""
    n = lambda t: t.detach().numpy().astype(np.float32)
    d, h = EMBED_DIM, HEADS
    out = {
        "embedding/kernel": n(sd["patch_embed.proj.weight"].permute(2, 3, 1, 0)),
        "embedding/bias": n(sd["patch_embed.proj.bias"]),
        "cls": n(sd["cls_token"]),
        "Transformer/posembed_input/pos_embedding": n(sd["pos_embed"]),
        "Transformer/encoder_norm/scale": n(sd["norm.weight"]),
        "Transformer/encoder_norm/bias": n(sd["norm.bias"]),
        "head/kernel": n(sd["head.weight"].t()),
        "head/bias": n(sd["head.bias"]),
    }
    for i in range(DEPTH):
        b, s = f"Transformer/encoderblock_{i}/", f"blocks.{i}."
        mha = b + "MultiHeadDotProductAttention_1/"
        out[b + "LayerNorm_0/scale"] = n(sd[s + "norm1.weight"])
        out[b + "LayerNorm_0/bias"] = n(sd[s + "norm1.bias"])
        out[b + "LayerNorm_2/scale"] = n(sd[s + "norm2.weight"])
        out[b + "LayerNorm_2/bias"] = n(sd[s + "norm2.bias"])
        qkv_w, qkv_b = sd[s + "attn.qkv.weight"], sd[s + "attn.qkv.bias"]
        for j, part in enumerate(("query", "key", "value")):
            w = qkv_w[j * d:(j + 1) * d]                      # [out, in]
            out[mha + part + "/kernel"] = n(w.t().reshape(d, h, d // h))
            out[mha + part + "/bias"] = n(qkv_b[j * d:(j + 1) * d].reshape(h, d // h))
        out[mha + "out/kernel"] = n(sd[s + "attn.proj.weight"].t().reshape(h, d // h, d))
        out[mha + "out/bias"] = n(sd[s + "attn.proj.bias"])
        for r in range(2):
            out[b + f"MlpBlock_3/Dense_{r}/kernel"] = n(sd[s + f"mlp.fc{r + 1}.weight"].t())
            out[b + f"MlpBlock_3/Dense_{r}/bias"] = n(sd[s + f"mlp.fc{r + 1}.bias"])
    return out


def cls_with_rounded_weights(model, images, dtype):
    rounded = VisionTransformer(IMAGE // PATCH)
    rounded.load_state_dict({k: v.to(dtype).to(torch.float32) for k, v in model.state_dict().items()})
    rounded.eval()
    return rounded.forward_features(images)[:, 0]


def main(out_dir):
    torch.set_num_threads(1)
    os.makedirs(out_dir, exist_ok=True)
    g = torch.Generator().manual_seed(20261204)
    model = VisionTransformer(IMAGE // PATCH)
    randomise(model, g)
    model.eval()
    sd = {k: v.detach().clone() for k, v in model.state_dict().items()}

    images64 = torch.randn(2, 3, 64, 64, generator=g)
    images96 = torch.randn(2, 3, 96, 96, generator=g)
    with torch.no_grad():
        tokens64 = model.forward_features(images64)
        big = VisionTransformer(6)
        big.load_state_dict({**sd, "pos_embed": resample_pos_embed(sd["pos_embed"], (6, 6), (4, 4))})
        big.eval()
        tokens96 = big.forward_features(images96)
        cls_f16 = cls_with_rounded_weights(model, images64, torch.float16)
        cls_bf16 = cls_with_rounded_weights(model, images64, torch.bfloat16)

        posemb = torch.randn(1, 17, 3, generator=g)
        posemb_4x3 = torch.randn(1, 13, 3, generator=g)
        resample = {
            "posemb": posemb,
            "to6x6_aa": resample_pos_embed(posemb, (6, 6), (4, 4), antialias=True),
            "to6x6_noaa": resample_pos_embed(posemb, (6, 6), (4, 4), antialias=False),
            "to3x3_aa": resample_pos_embed(posemb, (3, 3), (4, 4), antialias=True),
            "to3x3_noaa": resample_pos_embed(posemb, (3, 3), (4, 4), antialias=False),
            "posemb_4x3": posemb_4x3,
            "4x3_to3x5_aa": resample_pos_embed(posemb_4x3, (3, 5), (4, 3), antialias=True),
        }
        for name in ("to6x6_aa", "to6x6_noaa", "to3x3_aa", "to3x3_noaa"):
            size, aa = (int(name[2]), int(name[4])), name.endswith("_aa")
            resample[name + "_f64"] = resample_pos_embed(posemb.double(), size, (4, 4), antialias=aa)

    meta = {"generator": "scripts/vit_reference.py", "torch": torch.__version__}
    write_safetensors(os.path.join(out_dir, "tiny_vit.safetensors"), sd, {"format": "pt"})
    np.savez(os.path.join(out_dir, "tiny_vit.npz"), **augreg_names(sd))
    write_safetensors(os.path.join(out_dir, "inputs.safetensors"), {"images64": images64, "images96": images96}, meta)
    write_safetensors(os.path.join(out_dir, "expected.safetensors"), {
        "tokens64": tokens64, "cls64": tokens64[:, 0], "tokens96": tokens96, "cls96": tokens96[:, 0],
        "cls64_f16w": cls_f16, "cls64_bf16w": cls_bf16}, meta)
    write_safetensors(os.path.join(out_dir, "resample.safetensors"), resample, meta)

    rel = lambda a, b: ((a - b).norm() / b.norm()).item()
    cos = lambda a, b: F.cosine_similarity(a, b, dim=1).min().item()
    backbone = sum(v.numel() for k, v in sd.items() if not k.startswith("head."))
    print(f"torch {torch.__version__}; backbone parameters {backbone}; cls64[0,:4] = {tokens64[0, 0, :4].tolist()}")
    print(f"f16 weights: rel {rel(cls_f16, tokens64[:, 0]):.3e}, min cos {cos(cls_f16, tokens64[:, 0]):.8f}")
    print(f"bf16 weights: rel {rel(cls_bf16, tokens64[:, 0]):.3e}, min cos {cos(cls_bf16, tokens64[:, 0]):.8f}")
    for name in sorted(os.listdir(out_dir)):
        path = os.path.join(out_dir, name)
        if name.endswith((".safetensors", ".npz")):
            with open(path, "rb") as f:
                print(f"{name} {os.path.getsize(path)} {hashlib.sha256(f.read()).hexdigest()}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/Fixtures/vit-reference")
