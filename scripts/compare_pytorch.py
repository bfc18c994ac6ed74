#!/usr/bin/python3
"""PyTorch half of the TorchSharp/PyTorch side-by-side comparison (see scripts/compare-pytorch.sh).

Reads the safetensors file written by `Puma.Benchmarks compare --weights FILE` (weights under Puma's state-dict
names, the loss proxies, one input batch, TorchSharp's eval-mode embeddings and loss for it, the architecture as JSON
in the metadata), rebuilds the same PUMA model in plain torch (ViT blocks + parallel stochastic adapters + conditional
prompt pool + head + Proxy-Anchor), checks that its eval embeddings equal TorchSharp's, then times whole training
steps and eval batches exactly as the C# side does and prints one `RESULT {json}` line.

Run with Debian's interpreter: /usr/bin/python3 (python3-torch 1.13 + libopenblas0-pthread).
"""
import argparse
import json
import os
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_vit_parts import Attention, Mlp

DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "I64": torch.int64, "I32": torch.int32}


def read_safetensors(path):
    """Returns ({name: tensor}, metadata) of a safetensors file (8-byte LE header size, JSON header, raw data)."""
    with open(path, "rb") as f:
        data = f.read()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + size])
    metadata = header.pop("__metadata__", {})
    base = 8 + size
    tensors = {}
    for name, info in header.items():
        start, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        if end > start:
            flat = torch.frombuffer(bytearray(data[base + start:base + end]), dtype=dtype)
        else:
            flat = torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(info["shape"]).clone()
    return tensors, metadata


def unit(x, dim=-1):
    """x / max(||x||, 1e-12), as Puma's L2Normalization."""
    return x / x.norm(dim=dim, keepdim=True).clamp_min(1e-12)


class Bottleneck(nn.Module):
    def __init__(self, dim, r):
        super().__init__()
        self.down = nn.Linear(dim, r, bias=False)
        self.up = nn.Linear(r, dim, bias=False)

    def forward(self, x):
        return self.up(F.relu(self.down(x)))


class AdapterPair(nn.Module):
    def __init__(self, dim, r):
        super().__init__()
        self.attn = Bottleneck(dim, r)
        self.mlp = Bottleneck(dim, r)


class StochasticAdapter(nn.Module):
    """s · DropPath_p(bottleneck(x)): in training each sample keeps each branch with probability 1 − p."""

    def __init__(self, dim, depth, r, p, scale):
        super().__init__()
        self.blocks = nn.ModuleList([AdapterPair(dim, r) for _ in range(depth)])
        self.p = p
        self.scale = scale

    def branch(self, x, block, site):
        pair = self.blocks[block]
        out = (pair.attn if site == 0 else pair.mlp)(x) * self.scale
        if self.training and self.p > 0:
            keep = torch.empty((x.shape[0],) + (1,) * (x.dim() - 1), dtype=x.dtype).bernoulli_(1 - self.p)
            out = out * keep.div_(1 - self.p)
        return out


class Block(nn.Module):
    def __init__(self, dim, heads, hidden, qkv_bias, eps):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=eps)
        self.attn = Attention(dim, heads, qkv_bias)
        self.norm2 = nn.LayerNorm(dim, eps=eps)
        self.mlp = Mlp(dim, hidden)

    def forward(self, x, adapter, index):
        h = self.norm1(x)
        a = x + self.attn(h) + adapter.branch(h, index, 0)
        g = self.norm2(a)
        return a + self.mlp(g) + adapter.branch(g, index, 1)


class Stem(nn.Module):
    """Patch convolution (ViT, kernel = stride = patch) or the hybrid's 1×1 projection of cached CNN maps."""

    def __init__(self, channels, kernel, dim):
        super().__init__()
        self.proj = nn.Conv2d(channels, dim, kernel_size=kernel, stride=kernel)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class VisionTransformer(nn.Module):
    def __init__(self, c):
        super().__init__()
        d = c["dim"]
        self.cls_token = nn.Parameter(torch.zeros(1, 1, d))
        self.pos_embed = nn.Parameter(torch.zeros(1, 1 + c["num_patches"], d))
        self.patch_embed = Stem(c["stem_in"], c["stem_kernel"], d)
        self.blocks = nn.ModuleList(
            [Block(d, c["heads"], c["mlp_hidden"], c["qkv_bias"], c["ln_eps"]) for _ in range(c["depth"])])
        self.norm = nn.LayerNorm(d, eps=c["ln_eps"])

    def forward(self, tokens, prompts, prompt_positions, adapter):
        b = tokens.shape[0]
        cls = (self.cls_token + self.pos_embed[:, :1]).expand(b, -1, -1)
        x = torch.cat([cls, prompts + prompt_positions, tokens + self.pos_embed[:, 1:]], dim=1)
        for i, block in enumerate(self.blocks):
            x = block(x, adapter, i)
        return self.norm(x)


class PromptPool(nn.Module):
    """q = ½(mean + max) of the detached patch tokens; α_m = cos(q ⊙ softmax(A_m), K_m)·c; P = Σ_m α_m P_m."""

    def __init__(self, c):
        super().__init__()
        m, l, d = c["pool_m"], c["pool_l"], c["dim"]
        self.keys = nn.Parameter(torch.empty(m, d))
        self.attention = nn.Parameter(torch.empty(m, d))
        self.components = nn.Parameter(torch.empty(m, l, d))
        self.weight_scale = c["pool_weight_scale"]
        self.ortho_weight = c["ortho_weight"]
        self.usage = torch.zeros(m, dtype=torch.float64)

    def forward(self, tokens):
        detached = tokens.detach()
        query = (detached.mean(dim=1) + detached.amax(dim=1)) / 2
        attended = query.unsqueeze(1) * F.softmax(self.attention, dim=-1).unsqueeze(0)
        alpha = (unit(attended) * unit(self.keys).unsqueeze(0)).sum(dim=-1) * self.weight_scale
        if self.training:  # Puma's per-component usage statistics
            self.usage += alpha.detach().double().sum(dim=0)
        return torch.einsum("bm,mld->bld", alpha, self.components)

    def regularization(self):
        def penalty(rows):
            return (rows @ rows.t() - torch.eye(rows.shape[0])).pow(2).mean()

        return self.ortho_weight * (penalty(self.keys) + penalty(self.attention) + penalty(self.components.flatten(1)))


class Head(nn.Module):
    def __init__(self, d, e):
        super().__init__()
        self.proj = nn.Linear(d, e)


class Puma(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.backbone = VisionTransformer(c)
        self.adapter = StochasticAdapter(c["dim"], c["depth"], c["adapter_r"], c["drop_path"], c["adapter_scale"])
        self.prompt = PromptPool(c)
        self.prompt_pos_embed = nn.Parameter(torch.zeros(1, c["pool_l"], c["dim"]), requires_grad=False)
        self.head = Head(c["dim"], c["embedding_dim"])

    def train(self, mode=True):
        super().train(mode)
        self.backbone.eval()  # the frozen backbone stays in eval mode, as in Puma
        return self

    def forward(self, x):
        tokens = self.backbone.patch_embed(x)
        prompts = self.prompt(tokens)
        encoded = self.backbone(tokens, prompts, self.prompt_pos_embed, self.adapter)
        return unit(self.head.proj(encoded[:, 0]))


def proxy_anchor(embeddings, labels, proxies, alpha, margin):
    cos = unit(embeddings) @ unit(proxies).t()
    classes = proxies.shape[0]
    positive = F.one_hot(labels, classes).bool()
    lowest = torch.finfo(cos.dtype).min
    zero = torch.zeros(1, classes, dtype=cos.dtype)
    pos = torch.cat([zero, (-alpha * (cos - margin)).masked_fill(~positive, lowest)]).logsumexp(dim=0)
    neg = torch.cat([zero, (alpha * (cos + margin)).masked_fill(positive, lowest)]).logsumexp(dim=0)
    return pos.sum() / positive.any(dim=0).sum().to(cos.dtype) + neg.sum() / classes


def measure(action, warmup, repeats):
    for _ in range(warmup):
        action()
    times, cpu_times = [], []
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - start_cpu)
    cpu_per_wall = (time.process_time() - cpu) / (time.perf_counter() - wall)
    times.sort()
    return times[0], times[len(times) // 2], cpu_per_wall, min(cpu_times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", required=True, help="file written by `Puma.Benchmarks compare --weights FILE`")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--profile", action="store_true",
                        help="also print where a training step spends its CPU time, by operator (torch.profiler)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    tensors, metadata = read_safetensors(args.weights)
    c = json.loads(metadata["config"])
    model = Puma(c)
    state = {k: v for k, v in tensors.items() if not k.startswith(("loss.", "input.", "expected."))}
    model.load_state_dict(state, strict=True)
    for name, p in model.named_parameters():
        p.requires_grad_(name.startswith(("adapter.", "prompt.", "head.")))
    proxies = nn.Parameter(tensors["loss.proxies"])
    x, labels = tensors["input.x"], tensors["input.labels"]
    batch = x.shape[0]

    model.eval()
    with torch.no_grad():
        embeddings = model(x)
        eval_loss = proxy_anchor(embeddings, labels, proxies, c["alpha"], c["margin"]) + model.prompt.regularization()
    diff = (embeddings - tensors["expected.embeddings"]).abs().max().item()
    loss_diff = abs(eval_loss.item() - tensors["expected.eval_loss"].item())
    print(f"pytorch: eval embeddings vs TorchSharp: max |Δ| = {diff:.2e}; eval loss |Δ| = {loss_diff:.2e}", file=sys.stderr)
    if not (diff <= 1e-4 and loss_diff <= 1e-3 * max(1.0, abs(eval_loss.item()))):
        print("pytorch: the models differ; the comparison would not be like for like", file=sys.stderr)
        return 2

    trainable = [p for p in model.parameters() if p.requires_grad] + [proxies]
    optimizer = torch.optim.AdamW(trainable, lr=c["lr"], weight_decay=c["weight_decay"])

    def train_step():
        model.train()
        optimizer.zero_grad()
        objective = proxy_anchor(model(x), labels, proxies, c["alpha"], c["margin"]) + model.prompt.regularization()
        objective.backward()
        nn.utils.clip_grad_value_(trainable, c["clip_value"])
        optimizer.step()
        return objective.item()

    def embed():
        model.eval()
        with torch.no_grad():
            return model(x)[0, 0].item()

    if args.profile:
        train_step()
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
            train_step()
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=25), file=sys.stderr)

    train = measure(train_step, args.warmup, args.steps)
    infer = measure(embed, args.warmup, args.steps)
    with open("/proc/loadavg") as f:
        load = ", ".join(f.read().split()[:3])
    result = {
        "impl": "pytorch",
        "version": f"PyTorch {torch.__version__} (Debian python3-torch)",
        "model": c["kind"], "batch": batch, "threads": torch.get_num_threads(),
        "train_best_s": train[0], "train_median_s": train[1], "train_cpu_per_wall": train[2], "train_ips": batch / train[0],
        "train_best_cpu_s": train[3], "train_cpu_ips": batch / train[3],
        "infer_best_s": infer[0], "infer_median_s": infer[1], "infer_cpu_per_wall": infer[2], "infer_ips": batch / infer[0],
        "infer_best_cpu_s": infer[3], "infer_cpu_ips": batch / infer[3],
        "load_average": load, "max_abs_diff": diff,
        "allocator": "retain" if "malloc.trim_threshold" in os.environ.get("GLIBC_TUNABLES", "") else "glibc",
    }
    print("RESULT " + json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
