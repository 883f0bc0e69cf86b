"""From (prompt, completion) pairs to padded training batches, with the loss on the answer only.

    ex = encode_chat(tokenizer, prompt, completion)   # {"input_ids": [...], "labels": [...]}
    for batch in batches(encoded, batch_size=16, seed=0): ...

Labels are -100 (ignored) on the prompt and on anything after the assistant's end-of-turn token,
and real token ids on the completion *and its end-of-turn token*: a model that never sees EOS in
its loss never learns to stop (the usual cause of fine-tuned models that repeat themselves forever). Nothing is ever silently truncated: an
example longer than max_len is dropped and counted, and the caller reports the count.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import torch

IGNORE = -100


def chat_prompt(tokenizer, prompt: str, thinking: bool = False) -> str:
    """The text a model sees before it answers (the generation prompt included)."""
    kwargs = {"thinking": True} if thinking else {}
    return tokenizer.apply_chat_template([{"role": "user", "content": prompt}], tokenize=False,
                                         add_generation_prompt=True, **kwargs)


def encode_chat(tokenizer, prompt: str, completion: str, context: str = "") -> dict:
    """Token ids of the whole exchange and labels that train only the assistant's part.

    context: assistant text before `completion` that is seen but not trained on (a student's own words that
    a teacher's continuation follows: training.task.correction)."""
    if context:
        e = encode_chat(tokenizer, prompt, context + completion)
        seen = len(tokenizer(chat_prompt(tokenizer, prompt) + context, add_special_tokens=False)["input_ids"])
        # the boundary token may merge across context and completion: keep it in the loss rather than drop it
        seen = min(seen - 1, len(e["labels"])) if seen > 0 else 0
        e["labels"] = [IGNORE] * seen + e["labels"][seen:]
        return e
    messages = [{"role": "user", "content": prompt}, {"role": "assistant", "content": completion}]
    full_text = tokenizer.apply_chat_template(messages, tokenize=False)
    prompt_text = chat_prompt(tokenizer, prompt)
    if not full_text.startswith(prompt_text):
        # A template that rewrites history (rare): fall back to prompt + completion + EOS.
        full_text = prompt_text + completion + (tokenizer.eos_token or "")
    p_ids = tokenizer(prompt_text, add_special_tokens=False)["input_ids"]
    ids = tokenizer(full_text, add_special_tokens=False)["input_ids"]
    if ids[: len(p_ids)] != p_ids:  # merges across the boundary: tokenize the two parts apart
        ids = p_ids + tokenizer(full_text[len(prompt_text):], add_special_tokens=False)["input_ids"]
    labels = [IGNORE] * len(p_ids) + ids[len(p_ids):]
    # Stop training after the end-of-turn: trailing "\n" tokens of the template are not answers.
    end = len(ids)
    while end > len(p_ids) and tokenizer.decode(ids[end - 1:end]).strip() == "":
        end -= 1
    labels = labels[:end] + [IGNORE] * (len(ids) - end)
    return {"input_ids": ids, "labels": labels}


@dataclass
class Encoded:
    examples: list[dict]
    dropped: int  # examples longer than max_len (never truncated)
    max_len: int

    @property
    def n_tokens(self) -> int:
        return sum(len(e["input_ids"]) for e in self.examples)


def encode_all(tokenizer, pairs: list[tuple[str, str]], max_len: int) -> Encoded:
    kept, dropped = [], 0
    for prompt, completion in pairs:
        e = encode_chat(tokenizer, prompt, completion)
        if len(e["input_ids"]) > max_len:
            dropped += 1
            continue
        kept.append(e)
    return Encoded(kept, dropped, max_len)


def collate(examples: list[dict], pad_id: int) -> dict:
    """Right-pad a list of encoded examples into tensors."""
    n = max(len(e["input_ids"]) for e in examples)
    ids = torch.full((len(examples), n), pad_id, dtype=torch.long)
    labels = torch.full((len(examples), n), IGNORE, dtype=torch.long)
    mask = torch.zeros((len(examples), n), dtype=torch.long)
    for i, e in enumerate(examples):
        k = len(e["input_ids"])
        ids[i, :k] = torch.tensor(e["input_ids"])
        labels[i, :k] = torch.tensor(e["labels"])
        mask[i, :k] = 1
    return {"input_ids": ids, "labels": labels, "attention_mask": mask}


def batches(examples: list[dict], batch_size: int, seed: int, pad_id: int) -> list[dict]:
    """One epoch of batches: shuffled, then grouped by length to waste little on padding.

    Shuffle, cut into chunks of 32 batches, sort each chunk by length, cut into batches, shuffle
    the batches. Order depends only on `seed`.
    """
    rng = random.Random(seed)
    order = list(range(len(examples)))
    rng.shuffle(order)
    chunk = batch_size * 32
    groups = []
    for s in range(0, len(order), chunk):
        part = sorted(order[s:s + chunk], key=lambda i: len(examples[i]["input_ids"]))
        groups += [part[j:j + batch_size] for j in range(0, len(part), batch_size)]
    rng.shuffle(groups)
    return [collate([examples[i] for i in g], pad_id) for g in groups]
