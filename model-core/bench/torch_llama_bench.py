"""The TrainBenchmark model in plain PyTorch (eager attention, AdamW, global-norm clipping), for a side-by-side
number on the same machine. Same shapes as dev.longrecipe.model.bench.TrainBenchmark:
d=256, 4 layers, 4 query / 2 key-value heads of 64, intermediate 704, vocab 2048, batch 1.

usage: python3 torch_llama_bench.py SEQ_LEN RECOMPUTE(true|false) STEPS
"""
import math
import resource
import sys
import time

import torch
import torch.nn.functional as F
from torch.utils.checkpoint import checkpoint

V, D, I, L, H, HKV, HD = 2048, 256, 704, 4, 4, 2, 64


class RMSNorm(torch.nn.Module):
    def __init__(self, d, eps=1e-5):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


def rotate_half(x):
    a, b = x.chunk(2, dim=-1)
    return torch.cat((-b, a), dim=-1)


class Layer(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.n1, self.n2 = RMSNorm(D), RMSNorm(D)
        self.q = torch.nn.Linear(D, H * HD, bias=False)
        self.k = torch.nn.Linear(D, HKV * HD, bias=False)
        self.v = torch.nn.Linear(D, HKV * HD, bias=False)
        self.o = torch.nn.Linear(H * HD, D, bias=False)
        self.gate = torch.nn.Linear(D, I, bias=False)
        self.up = torch.nn.Linear(D, I, bias=False)
        self.down = torch.nn.Linear(I, D, bias=False)

    def forward(self, h, cos, sin, mask):
        b, t, _ = h.shape
        x = self.n1(h)
        q = self.q(x).view(b, t, H, HD).transpose(1, 2)
        k = self.k(x).view(b, t, HKV, HD).transpose(1, 2)
        v = self.v(x).view(b, t, HKV, HD).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(H // HKV, dim=1)
        v = v.repeat_interleave(H // HKV, dim=1)
        scores = q @ k.transpose(-1, -2) / math.sqrt(HD) + mask
        a = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, H * HD)
        h = h + self.o(a)
        x = self.n2(h)
        return h + self.down(F.silu(self.gate(x)) * self.up(x))


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(V, D)
        self.layers = torch.nn.ModuleList(Layer() for _ in range(L))
        self.norm = RMSNorm(D)
        self.head = torch.nn.Linear(D, V, bias=False)

    def forward(self, ids, pos, recompute):
        t = ids.shape[1]
        inv = 1.0 / (10000 ** (torch.arange(0, HD, 2).float() / HD))
        ang = pos.float()[..., None] * inv
        emb = torch.cat((ang, ang), -1)
        cos, sin = emb.cos()[:, None], emb.sin()[:, None]
        mask = torch.full((t, t), torch.finfo(torch.float32).min).triu(1)
        h = self.embed(ids)
        for layer in self.layers:
            h = checkpoint(layer, h, cos, sin, mask, use_reentrant=False) if recompute else layer(h, cos, sin, mask)
        return self.head(self.norm(h))


def main():
    seq_len, recompute, steps = int(sys.argv[1]), sys.argv[2] == "true", int(sys.argv[3])
    torch.manual_seed(1234)
    model = Model()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.1)
    tokens, start, loss = 0, None, float("nan")
    for i in range(1 + steps):
        if i == 1:
            start = time.perf_counter()
        ids = torch.randint(0, V, (1, seq_len))
        pos = torch.arange(seq_len)[None]
        logits = model(ids, pos, recompute)
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, V), ids[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if i >= 1:
            tokens += seq_len
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"impl=pytorch-{torch.__version__} T={seq_len} recompute={str(recompute).lower()} steps={steps} "
          f"tokens_per_s={tokens / seconds:.0f} peak_rss_mb={peak_mb} loss={loss.item():.4f}")


if __name__ == "__main__":
    main()
