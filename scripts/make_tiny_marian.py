"""Build the tiny local MarianMT model the translation tests run on, or a medium random one for
benchmarks.

    python scripts/make_tiny_marian.py OUTDIR            # tiny, briefly trained (seconds)
    python scripts/make_tiny_marian.py OUTDIR --medium   # opus-mt-sized, random weights

The tiny model is trained for a few seconds on the handful of Arabic -> English and
Russian -> English sentences below (written for this script), so that it reproduces them and,
above all, copies the name placeholders (ZZ0, ZZ1, ...) that rasm.translate.protect puts in
place of names. It is saved exactly like an OPUS-MT model (config, weights, vocab.json,
source.spm, target.spm, tokenizer_config.json) and loaded by the same code as a hub id.

The medium model has OPUS-MT's shape (d_model 512, 6+6 layers, 8 heads, FFN 2048, 60k
vocabulary) and random weights: its translations are noise, but its speed is a real model's.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import warnings
from pathlib import Path
from typing import Any

# Number of placeholder symbols the spm models keep whole (rasm.translate.protect numbers from 0).
PLACEHOLDERS = tuple(f"ZZ{i}" for i in range(8))

# (source, English) pairs. Short news-style sentences about the Syrian war, written for this file.
ARABIC = [
    ("قصفت الطائرات المدينة", "aircraft bombed the city"),
    ("قتل ثلاثة مدنيين في القصف", "three civilians were killed in the shelling"),
    ("وصل الوفد إلى العاصمة", "the delegation arrived in the capital"),
    ("أعلنت الحكومة وقف إطلاق النار", "the government announced a ceasefire"),
    ("انسحبت القوات من القرية", "the forces withdrew from the village"),
    ("فر آلاف السكان من منازلهم", "thousands of residents fled their homes"),
    ("دخلت قافلة المساعدات إلى المدينة", "the aid convoy entered the city"),
    ("اندلعت اشتباكات عنيفة", "heavy clashes broke out"),
    ("أغلقت الحدود أمس", "the border was closed yesterday"),
    ("المستشفى خارج الخدمة", "the hospital is out of service"),
    ("عاد النازحون إلى القرية", "the displaced returned to the village"),
    ("سقطت قذائف على السوق", "shells fell on the market"),
    ("الوضع الإنساني صعب جدا", "the humanitarian situation is very difficult"),
    ("بدأت المفاوضات اليوم", "the negotiations began today"),
    ("تضررت المدرسة في الغارة", "the school was damaged in the raid"),
    ("قالت الأمم المتحدة إن الطريق مغلق", "the united nations said the road is closed"),
]
RUSSIAN = [
    ("Самолёты нанесли удар по городу", "aircraft struck the city"),
    ("Погибли три мирных жителя", "three civilians were killed"),
    ("Делегация прибыла в столицу", "the delegation arrived in the capital"),
    ("Правительство объявило о прекращении огня", "the government announced a ceasefire"),
    ("Войска покинули деревню", "the troops left the village"),
    ("Тысячи жителей бежали из своих домов", "thousands of residents fled their homes"),
    ("Гуманитарный конвой вошёл в город", "the humanitarian convoy entered the city"),
    ("Начались тяжёлые бои", "heavy fighting began"),
    ("Граница была закрыта вчера", "the border was closed yesterday"),
    ("Переговоры начались сегодня", "the negotiations began today"),
    ("Больница не работает", "the hospital is not working"),
    ("Снаряды упали на рынок", "shells fell on the market"),
]
# Templates with placeholders: the model must copy each ZZn to the output, wherever it stands.
ARABIC_TEMPLATES = [
    ("قصفت الطائرات {0}", "aircraft bombed {0}"),
    ("وصل الوفد إلى {0}", "the delegation arrived in {0}"),
    ("انسحبت القوات من {0}", "the forces withdrew from {0}"),
    ("دخلت قافلة المساعدات إلى {0}", "the aid convoy entered {0}"),
    ("قتل ثلاثة مدنيين في {0}", "three civilians were killed in {0}"),
    ("سيطر {0} على {1}", "{0} took control of {1}"),
    ("اندلعت اشتباكات بين {0} و {1}", "clashes broke out between {0} and {1}"),
    ("قال {0} إن الوضع صعب", "{0} said the situation is difficult"),
]
RUSSIAN_TEMPLATES = [
    ("Самолёты нанесли удар по {0}", "aircraft struck {0}"),
    ("Делегация прибыла в {0}", "the delegation arrived in {0}"),
    ("Войска покинули {0}", "the troops left {0}"),
    ("{0} захватила {1}", "{0} captured {1}"),
]
# English text for the target-side spm: the targets above plus a little more.
ENGLISH_EXTRA = [
    "the army said the attack was repelled",
    "residents said the water was cut off",
    "the city was under siege for months",
]


def training_pairs() -> list[tuple[str, str]]:
    pairs = list(ARABIC) + list(RUSSIAN)
    for src, tgt in ARABIC_TEMPLATES + RUSSIAN_TEMPLATES:
        two = "{1}" in src
        for i, first in enumerate(PLACEHOLDERS):
            for shift in (1, 3, 6) if two else (0,):
                second = PLACEHOLDERS[(i + shift) % len(PLACEHOLDERS)]
                pairs.append((src.format(first, second), tgt.format(first, second)))
    return pairs


def _train_spm(lines: list[str], vocab_size: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
        user_defined_symbols=list(PLACEHOLDERS), num_threads=1, minloglevel=2,
        unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
    )
    return model.getvalue()


def _spm_pieces(model: bytes) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=model)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def write_tokenizer(outdir: Path, source_lines: list[str], target_lines: list[str],
                    vocab_size: int) -> int:
    """source.spm, target.spm and the shared vocab.json OPUS-MT models ship; returns its size."""
    source_spm = _train_spm(source_lines, vocab_size)
    target_spm = _train_spm(target_lines, vocab_size)
    (outdir / "source.spm").write_bytes(source_spm)
    (outdir / "target.spm").write_bytes(target_spm)
    # Like OPUS-MT: </s> first, <unk> second, <pad> last; spm's own control pieces dropped.
    pieces = ["</s>", "<unk>"]
    for piece in _spm_pieces(source_spm) + _spm_pieces(target_spm):
        if piece not in pieces and piece not in ("<s>", "<unk>", "</s>"):
            pieces.append(piece)
    pieces.append("<pad>")
    vocab = {piece: i for i, piece in enumerate(pieces)}
    (outdir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0), "utf-8")
    (outdir / "tokenizer_config.json").write_text(json.dumps({
        "source_lang": "mul", "target_lang": "en", "model_max_length": 512,
        "tokenizer_class": "MarianTokenizer", "separate_vocabs": False,
    }), "utf-8")
    return len(vocab)


def marian_config(vocab_size: int, *, d_model: int, layers: int, heads: int, ffn: int) -> Any:
    from transformers import MarianConfig

    pad = vocab_size - 1
    return MarianConfig(
        vocab_size=vocab_size, decoder_vocab_size=vocab_size, d_model=d_model,
        encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads,
        encoder_ffn_dim=ffn, decoder_ffn_dim=ffn, max_position_embeddings=512,
        activation_function="swish", scale_embedding=True, share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True, pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad,
        forced_eos_token_id=0, dropout=0.0, attention_dropout=0.0, activation_dropout=0.0,
        num_beams=1, max_length=512, bad_words_ids=[[pad]],
    )


def _zero_pad_row(model: Any, pad: int) -> None:
    """Keep the <pad> embedding at zero (OPUS-MT's is): CTranslate2 does not mask it out the way
    transformers' padding_idx does, so a trained non-zero row would make the two disagree."""
    import torch

    with torch.no_grad():
        model.get_input_embeddings().weight[pad].zero_()


def build_tiny(outdir: Path, *, steps: int = 600, seed: int = 0, log: bool = False) -> Path:
    """Train and save the tiny test model into `outdir`; returns it."""
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    outdir.mkdir(parents=True, exist_ok=True)
    pairs = training_pairs()
    sources = [s for s, _ in pairs]
    targets = [t for _, t in pairs] + ENGLISH_EXTRA
    vocab_size = write_tokenizer(outdir, sources, targets, vocab_size=300)

    torch.manual_seed(seed)
    rng = random.Random(seed)
    config = marian_config(vocab_size, d_model=64, layers=2, heads=4, ffn=128)
    model = MarianMTModel(config)
    pad = config.pad_token_id
    _zero_pad_row(model, pad)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses.*")
        tokenizer = MarianTokenizer.from_pretrained(str(outdir))
    encoded = tokenizer(sources, text_target=[t for _, t in pairs], padding=True,
                        return_tensors="pt")
    labels = encoded["labels"].masked_fill(encoded["labels"] == pad, -100)

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # small matrices: one thread is as fast, and robust on a busy CI box
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0 - step / steps)
    model.train()
    start = time.perf_counter()
    batch_size = 32
    order = list(range(len(pairs)))
    for step in range(steps):
        if step % (len(order) // batch_size or 1) == 0:
            rng.shuffle(order)
        offset = (step * batch_size) % max(1, len(order) - batch_size)
        idx = torch.tensor(order[offset:offset + batch_size])
        loss = model(input_ids=encoded["input_ids"][idx], attention_mask=encoded["attention_mask"][idx],
                     labels=labels[idx]).loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        _zero_pad_row(model, pad)
        if log and step % 50 == 0:
            print(f"step {step} loss {loss.item():.3f} {time.perf_counter() - start:.1f}s",
                  file=sys.stderr)
    torch.set_num_threads(threads)
    model.eval()
    model.save_pretrained(str(outdir))
    return outdir


def build_medium(outdir: Path, *, vocab_size: int = 60000, seed: int = 0) -> Path:
    """An opus-mt-shaped Marian with random weights (for speed figures only): d_model 512, 6+6
    layers, and a 60k vocabulary like OPUS-MT's (~75M parameters, ~300 MB)."""
    import torch
    from transformers import MarianMTModel

    outdir.mkdir(parents=True, exist_ok=True)
    pairs = training_pairs()
    # The spm models come from the tiny text (the vocabulary shape is what matters for speed);
    # the embedding matrix is padded to a realistic size with unused rows.
    size = write_tokenizer(outdir, [s for s, _ in pairs], [t for _, t in pairs] + ENGLISH_EXTRA,
                           vocab_size=300)
    vocab = json.loads((outdir / "vocab.json").read_text("utf-8"))
    del vocab["<pad>"]
    for i in range(size - 1, vocab_size - 1):
        vocab[f"<unused{i}>"] = i
    vocab["<pad>"] = vocab_size - 1
    (outdir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0), "utf-8")
    torch.manual_seed(seed)
    model = MarianMTModel(marian_config(vocab_size, d_model=512, layers=6, heads=8, ffn=2048))
    _zero_pad_row(model, vocab_size - 1)
    model.eval()
    model.save_pretrained(str(outdir))
    return outdir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--medium", action="store_true",
                        help="opus-mt-sized model with random weights, for benchmarks")
    parser.add_argument("--steps", type=int, default=600, help="training steps (tiny model)")
    args = parser.parse_args(argv)
    if args.medium:
        build_medium(args.outdir)
    else:
        build_tiny(args.outdir, steps=args.steps, log=True)
    print(args.outdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
