"""The reference training loops' data and batching, shared by make_training_reference.py (PEFT) and
make_bottleneck_fixtures.py (AdapterHub): seeded pre-tokenized records, and the micro-batch windows
of each optimizer step in file order, as Hugging Face Trainer takes them without shuffling."""
import torch


def make_data(vocab, count=26, seed=7):
    g = torch.Generator().manual_seed(seed)
    rows = []
    for i in range(count):
        n = int(torch.randint(6, 24, (1,), generator=g))
        ids = torch.randint(3, vocab, (n,), generator=g).tolist()
        prompt = int(torch.randint(1, n - 2, (1,), generator=g))
        labels = [-100] * prompt + ids[prompt:]
        rows.append({"input_ids": ids, "labels": labels})
    return rows


def windows(count, batch, accum, steps):
    """Yield the micro-batch index lists of every optimizer step (epochs repeat in file order)."""
    micro = [list(range(i, min(i + batch, count))) for i in range(0, count, batch)]
    done = 0
    while True:
        for start in range(0, len(micro), accum):
            yield micro[start:start + accum]
            done += 1
            if done == steps:
                return
