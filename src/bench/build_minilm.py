"""Writes a MiniLM-shaped text classifier folder, as Optimum would export one, with random weights.

    build_minilm.py <out folder>

6 layers, hidden 384, 12 heads, intermediate 1536, a 30,522-token WordPiece vocabulary, 8 labels. The folder gets
model.onnx (float32, dynamic batch and sequence axes), model_quantized.onnx (int8 weights: every MatMul with a
constant weight becomes com.microsoft.DynamicQuantizeMatMul), tokenizer.json, config.json and
tokenizer_config.json. Only Debian's python3-torch and python3-onnx are needed: no transformers, no hub, no network.
The weights are random, so the predictions are meaningless; the shape and the cost per ticket are real.
"""
import json
import math
import string
import sys
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper
from torch import nn

VOCAB = 30522
HIDDEN = 384
LAYERS = 6
HEADS = 12
INTERMEDIATE = 1536
POSITIONS = 512
LABELS = ["account-access", "billing", "general-inquiry", "orders-shipping", "returns-refunds", "sales",
          "technical-support", "complaints"]
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.query, self.key, self.value = (nn.Linear(HIDDEN, HIDDEN) for _ in range(3))
        self.attention_out = nn.Linear(HIDDEN, HIDDEN)
        self.attention_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.intermediate = nn.Linear(HIDDEN, INTERMEDIATE)
        self.output = nn.Linear(INTERMEDIATE, HIDDEN)
        self.output_norm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def heads(self, x):
        batch, sequence, _ = x.shape
        return x.view(batch, sequence, HEADS, HIDDEN // HEADS).transpose(1, 2)

    def forward(self, x, mask_bias):
        q, k, v = self.heads(self.query(x)), self.heads(self.key(x)), self.heads(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(HIDDEN // HEADS) + mask_bias
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(x.shape)
        x = self.attention_norm(x + self.attention_out(context))
        return self.output_norm(x + self.output(nn.functional.gelu(self.intermediate(x))))


class MiniLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.words = nn.Embedding(VOCAB, HIDDEN, padding_idx=0)
        self.positions = nn.Embedding(POSITIONS, HIDDEN)
        self.token_types = nn.Embedding(2, HIDDEN)
        self.embedding_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.pooler = nn.Linear(HIDDEN, HIDDEN)
        self.classifier = nn.Linear(HIDDEN, len(LABELS))

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.words(input_ids) + self.positions(positions) + self.token_types(token_type_ids)
        x = self.embedding_norm(x)
        mask_bias = (1.0 - attention_mask[:, None, None, :].float()) * -10000.0
        for layer in self.layers:
            x = layer(x, mask_bias)
        return self.classifier(torch.tanh(self.pooler(x[:, 0])))


def vocabulary():
    """Special tokens, every letter and digit alone and as a ## continuation (so no word is ever [UNK]), common
    English words, then generated word pieces up to the size of BERT's vocabulary."""
    common = ("the a an and or to of in on for with at by from is are was were be been have has had do does did not "
              "no can could will would should may my our your we you i it this that these those there here please "
              "thanks hello team support account login log sign password reset email link order invoice refund "
              "payment charge card bill plan price delivery address package parcel tracking return item app page "
              "error message report export download upload photo screenshot browser computer mobile time day week "
              "month year yesterday today morning since already again still just only also more about after before "
              "when as soon if need help know let tell update change new old same two three eight twelve").split()
    pieces = list(string.ascii_lowercase + string.digits + string.punctuation)
    tokens = SPECIAL + pieces + ["##" + p for p in string.ascii_lowercase + string.digits] + common
    seen = set(tokens)
    rng = np.random.default_rng(7)
    syllables = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + list("aeiou")
    while len(tokens) < VOCAB:
        piece = "".join(rng.choice(syllables, rng.integers(1, 4)))
        token = piece if rng.random() < 0.6 else "##" + piece
        if token not in seen:
            seen.add(token)
            tokens.append(token)
    return tokens


def tokenizer_json(tokens):
    ids = {token: i for i, token in enumerate(tokens)}

    def special(token, type_id):
        return {"SpecialToken": {"id": token, "type_id": type_id}}

    def sequence(name, type_id):
        return {"Sequence": {"id": name, "type_id": type_id}}

    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": ids[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for t in SPECIAL],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special("[CLS]", 0), sequence("A", 0), special("[SEP]", 0)],
            "pair": [special("[CLS]", 0), sequence("A", 0), special("[SEP]", 0), sequence("B", 1),
                     special("[SEP]", 1)],
            "special_tokens": {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": ids},
    }


def config_json():
    return {
        "architectures": ["BertForSequenceClassification"],
        "model_type": "bert",
        "hidden_size": HIDDEN,
        "num_hidden_layers": LAYERS,
        "num_attention_heads": HEADS,
        "intermediate_size": INTERMEDIATE,
        "vocab_size": VOCAB,
        "max_position_embeddings": POSITIONS,
        "pad_token_id": 0,
        "problem_type": "single_label_classification",
        "id2label": {str(i): label for i, label in enumerate(LABELS)},
        "label2id": {label: i for i, label in enumerate(LABELS)},
    }


def quantize(model):
    """MatMul(X, W) with W a constant [K, N] becomes DynamicQuantizeMatMul(X, W_int8, scale[N], zero_point[N]):
    symmetric int8 per output column; ONNX Runtime quantizes X to uint8 per call. The Add of a constant bias that
    follows goes into the same node, which saves a pass over the activations. Attention's MatMuls (both inputs
    computed) stay float. What onnxruntime.quantization.quantize_dynamic does for MatMul, minus its dependencies."""
    graph = model.graph
    initializers = {i.name: i for i in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    folded = set()
    nodes, rewritten = [], 0
    for node in graph.node:
        if node.output[0] in folded:
            continue
        weight = initializers.get(node.input[1]) if node.op_type == "MatMul" else None
        if weight is None or len(weight.dims) != 2:
            nodes.append(node)
            continue
        w = numpy_helper.to_array(weight).astype(np.float32)
        scale = np.maximum(np.abs(w).max(axis=0), 1e-8) / 127.0
        q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        base = weight.name
        graph.initializer.extend([
            numpy_helper.from_array(q, base + "_int8"),
            numpy_helper.from_array(scale.astype(np.float32), base + "_scale"),
            numpy_helper.from_array(np.zeros(w.shape[1], dtype=np.int8), base + "_zero_point"),
        ])
        inputs, outputs = [node.input[0], base + "_int8", base + "_scale", base + "_zero_point"], list(node.output)
        following = consumers.get(node.output[0], [])
        if len(following) == 1 and following[0].op_type == "Add":
            add = following[0]
            bias = [name for name in add.input if name != node.output[0]]
            if len(bias) == 1 and bias[0] in initializers and list(initializers[bias[0]].dims) == [w.shape[1]]:
                inputs.append(bias[0])
                outputs = list(add.output)
                folded.add(add.output[0])
        nodes.append(helper.make_node("DynamicQuantizeMatMul", inputs, outputs, name=(node.name or base) + "_quant",
                                      domain="com.microsoft"))
        graph.initializer.remove(weight)
        rewritten += 1
    del graph.node[:]
    graph.node.extend(nodes)
    model.opset_import.extend([helper.make_opsetid("com.microsoft", 1)])
    return rewritten


def main(out):
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(42)
    model = MiniLM().eval()
    batch, sequence = 2, 16
    example = (torch.randint(5, VOCAB, (batch, sequence)), torch.ones(batch, sequence, dtype=torch.long),
               torch.zeros(batch, sequence, dtype=torch.long))
    axes = {0: "batch_size", 1: "sequence_length"}
    with torch.no_grad():
        torch.onnx.export(model, example, str(out / "model.onnx"), opset_version=14, do_constant_folding=True,
                          input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                          dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                                        "logits": {0: "batch_size"}})
    full = onnx.load(str(out / "model.onnx"))
    onnx.checker.check_model(full)
    quantized = onnx.load(str(out / "model.onnx"))
    count = quantize(quantized)
    onnx.save(quantized, str(out / "model_quantized.onnx"))

    tokens = vocabulary()
    (out / "tokenizer.json").write_text(json.dumps(tokenizer_json(tokens), ensure_ascii=False))
    (out / "config.json").write_text(json.dumps(config_json(), indent=2))
    (out / "tokenizer_config.json").write_text(json.dumps({"model_max_length": POSITIONS, "do_lower_case": True}))
    parameters = sum(p.numel() for p in model.parameters())
    print(f"{out}: {parameters / 1e6:.1f} M parameters, {len(tokens)} tokens, {len(LABELS)} labels; "
          f"model.onnx {(out / 'model.onnx').stat().st_size / 1e6:.0f} MB, model_quantized.onnx "
          f"{(out / 'model_quantized.onnx').stat().st_size / 1e6:.0f} MB ({count} MatMuls quantized)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
