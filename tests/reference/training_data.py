"""The reference training loops' data and batching, shared by make_training_reference.py (PEFT) and
make_bottleneck_fixtures.py (AdapterHub): seeded pre-tokenized records, the micro-batch windows of
each optimizer step in file order, as Hugging Face Trainer takes them without shuffling, and one
window's forward / backward with the Trainer's loss normalisation."""
import torch

from refcommon import pad_rows


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


def window_loss(model, rows, window, device="cpu"):
    """Forward and backward of one optimizer step's micro-batches, each loss normalised by the
    window's label tokens (num_items_in_batch, as the Trainer does); returns the window's loss."""
    items = sum(sum(1 for l in rows[i]["labels"][1:] if l != -100) for mb in window for i in mb)
    total = 0.0
    for mb in window:
        ids, mask = pad_rows([rows[i]["input_ids"] for i in mb])
        labels = torch.full_like(ids, -100)
        for k, i in enumerate(mb):
            labels[k, :len(rows[i]["labels"])] = torch.tensor(rows[i]["labels"])
        out = model(input_ids=ids.to(device), attention_mask=mask.to(device), labels=labels.to(device),
                    num_items_in_batch=torch.tensor(items, device=device))
        out.loss.backward()
        total += out.loss.item() * items
    return total / items
