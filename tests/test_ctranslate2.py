"""CTranslate2 runs the same weights as our ONNX graphs: an independent implementation agreeing.

The bundled model converted to CTranslate2 must give exactly the greedy tokens of our own graphs;
tiny random models (pre-LN, untied output, learned positions) must give the same log-probabilities
and the same forced-length greedy tokens.
"""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

ctranslate2 = pytest.importorskip("ctranslate2")

import onnx  # noqa: E402
import sentencepiece as spm  # noqa: E402
import torch  # noqa: E402

from bench.ctranslate2_convert import (  # noqa: E402
    PROVENANCE_FILE,
    ConversionError,
    ExportedModelConverter,
    ct2_translate_ids,
    main,
    read_vocabularies,
)
from export.config import ModelConfig  # noqa: E402
from export.corpus import bundled_corpus_from_summary  # noqa: E402
from export.decoding import LengthLimit  # noqa: E402
from export.model import make_model  # noqa: E402
from export.onnx_export import OnnxModel, export_graphs, onnx_greedy, teacher_forced_log_probs  # noqa: E402
from tests.bundled import FOLDER, INT8_VERSION  # noqa: E402

STORE = Path(__file__).resolve().parent.parent / "model_store"
VERSION = FOLDER
HELD_OUT_SENTENCES = 200
LOG_PROB_TOLERANCE = 1e-4


def translator(path: Path) -> "ctranslate2.Translator":
    # One thread: the test process also runs torch, whose OpenMP threads spin and would fight
    # CTranslate2's for the cores (tens of times slower on 2 cores).
    return ctranslate2.Translator(str(path), device="cpu", intra_threads=1)


def padded(rows: list[list[int]], pad_id: int = 0) -> np.ndarray:
    out = np.full((len(rows), max(len(r) for r in rows)), pad_id, np.int64)
    for i, row in enumerate(rows):
        out[i, : len(row)] = row
    return out


# --- The bundled model ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """ko-en/1 converted through the command line, and the held-out source rows (ids + EOS)."""
    out = tmp_path_factory.mktemp("ct2") / "ko-en"
    assert main([str(VERSION), "--output", str(out)]) == 0
    manifest = json.loads((VERSION / "manifest.json").read_text(encoding="utf-8"))
    grammar = manifest["training_data"]["grammar"]
    corpus = bundled_corpus_from_summary(grammar)
    sentences = [source for source, _ in corpus.splits["test"][:HELD_OUT_SENTENCES]]
    source_spm = spm.SentencePieceProcessor(model_file=str(VERSION / "source.spm"))
    eos = manifest["model"]["eos_id"]
    rows = [ids + [eos] for ids in source_spm.encode(sentences)]
    return out, manifest["model"], rows


def onnx_greedy_rows(onnx_model: OnnxModel, rows: list[list[int]], cfg: dict, limit: LengthLimit,
                     batch: int = 50) -> list[list[int]]:
    out = []
    for i in range(0, len(rows), batch):
        out.extend(onnx_greedy(onnx_model, padded(rows[i: i + batch], cfg["pad_id"]), cfg, limit))
    return out


def test_bundled_model_greedy_equals_our_onnx_graphs_on_the_held_out_split(bundled):
    out, cfg, rows = bundled
    expected = onnx_greedy_rows(OnnxModel.load(VERSION, cfg), rows, cfg, LengthLimit())
    source_vocab, target_vocab = read_vocabularies(out)
    actual = ct2_translate_ids(translator(out), rows, target_vocab, max_decoding_length=LengthLimit(),
                               source_vocab=source_vocab)
    differing = [i for i, (e, a) in enumerate(zip(expected, actual, strict=True)) if e != a]
    assert len(actual) == len(rows) == HELD_OUT_SENTENCES
    assert not differing, (f"{len(differing)} of {len(rows)} sentences differ, first {differing[0]}: "
                           f"CTranslate2 {actual[differing[0]]} vs ONNX {expected[differing[0]]}")
    assert all(expected), "every held-out sentence has a translation"


def test_bundled_model_scores_equal_our_log_probs(bundled):
    """Log-probabilities of the reference translations, teacher-forced. Stricter than the tokens:
    this model's greedy output does not change when the source EOS is left out, its log-probs do."""
    out, cfg, rows = bundled
    rows = rows[:24]
    onnx_model = OnnxModel.load(VERSION, cfg)
    targets = onnx_greedy_rows(onnx_model, rows, cfg, LengthLimit())
    source_vocab, target_vocab = read_vocabularies(out)
    results = translator(out).score_batch([[source_vocab[i] for i in row[:-1]] for row in rows],
                                          [[target_vocab[i] for i in t] for t in targets])
    worst = 0.0
    for row, target, result in zip(rows, targets, results, strict=True):
        tgt_in = np.array([[cfg["bos_id"], *target]], np.int64)
        log_probs = teacher_forced_log_probs(onnx_model, np.array([row], np.int64), tgt_in, cfg["pad_id"])[0]
        expected = log_probs[np.arange(len(target) + 1), [*target, cfg["eos_id"]]]
        worst = max(worst, float(np.abs(np.array(result.log_probs) - expected).max()))
    assert worst < LOG_PROB_TOLERANCE


def test_bundled_model_cuts_at_the_length_limit_like_our_decoder(bundled):
    """max_decoding_length counts generated tokens as LengthLimit does: cut outputs agree too."""
    out, cfg, rows = bundled
    rows = rows[:40]
    limit = LengthLimit(a=0.0, b=4)
    expected = onnx_greedy_rows(OnnxModel.load(VERSION, cfg), rows, cfg, limit)
    source_vocab, target_vocab = read_vocabularies(out)
    actual = ct2_translate_ids(translator(out), rows, target_vocab, max_decoding_length=4, source_vocab=source_vocab)
    assert actual == expected
    assert max(len(t) for t in actual) == 4


def test_bundled_model_translates_text_through_sentencepiece_pieces(bundled):
    """The converted folder works as a CTranslate2 model on its own: pieces in, pieces out, EOS
    appended to the source by the model config."""
    out, _, _ = bundled
    source_spm = spm.SentencePieceProcessor(model_file=str(VERSION / "source.spm"))
    target_spm = spm.SentencePieceProcessor(model_file=str(VERSION / "target.spm"))
    pieces = source_spm.encode(["은지는 어젯밤에 이메일을 썼어요."], out_type=str)
    result = translator(out).translate_batch(pieces, beam_size=1, min_decoding_length=0)
    assert target_spm.decode_pieces(result[0].hypotheses[0]) == "Eunji wrote an email last night."
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert (config["add_source_eos"], config["add_source_bos"], config["decoder_start_token"]) == (True, False, "<s>")
    provenance = json.loads((out / PROVENANCE_FILE).read_text(encoding="utf-8"))
    assert provenance["version"]["name"] == "ko-en" and provenance["quantization"] is None


# --- Tiny random models ---------------------------------------------------------------------------


def vocab(size: int) -> list[str]:
    return ["<pad>", "<unk>", "<s>", "</s>", *(f"t{i}" for i in range(4, size))]


TINY = {
    "pre_ln": ModelConfig(src_vocab_size=53, tgt_vocab_size=47, d_model=32, n_heads=4, n_encoder_layers=2,
                          n_decoder_layers=3, d_ff=48, dropout=0.0, max_positions=64, norm="pre"),
    "untied_learned": ModelConfig(src_vocab_size=41, tgt_vocab_size=59, d_model=32, n_heads=2, n_encoder_layers=3,
                                  n_decoder_layers=2, d_ff=40, dropout=0.0, max_positions=64, tie_output=False,
                                  positional="learned"),
}


@pytest.fixture(scope="module", params=sorted(TINY))
def tiny(request, tmp_path_factory):
    """A random model exported to ONNX and converted with the parts form."""
    cfg = TINY[request.param]
    torch.manual_seed(7)
    model = make_model(cfg).eval()
    with torch.no_grad():  # every weight random: LayerNorms and biases too, so a misplaced one shows
        for name, p in model.named_parameters():
            if p.dim() == 1:
                p.copy_((1.0 if name.endswith("norm.weight") else 0.0) + 0.2 * torch.randn_like(p))
            elif name.endswith("pos.table"):
                p.add_(0.3 * torch.randn_like(p))
            elif name.endswith(("w_o.weight", "w_2.weight")):
                p.mul_(4.0)  # sub-layers that outweigh the residual embedding: varied, not copied, outputs
    root = tmp_path_factory.mktemp(request.param)
    encoder, decoder = export_graphs(model, root)
    converter = ExportedModelConverter(cfg.to_dict(), encoder, decoder, vocab(cfg.src_vocab_size),
                                       vocab(cfg.tgt_vocab_size))
    out = converter.convert(root / "ct2")
    return cfg, OnnxModel.load(root, cfg.to_dict()), converter, out


def random_sources(cfg: ModelConfig, rng: np.random.Generator, lengths: list[int]) -> list[list[int]]:
    return [[*rng.integers(4, cfg.src_vocab_size, n).tolist(), cfg.eos_id] for n in lengths]


def test_tiny_models_give_our_log_probs(tiny):
    cfg, onnx_model, converter, out = tiny
    rng = np.random.default_rng(3)
    sources = random_sources(cfg, rng, [1, 6, 13, 30])  # different lengths: CTranslate2 masks by length
    targets = rng.integers(4, cfg.tgt_vocab_size, (len(sources), 9))
    tgt_in = np.concatenate([np.full((len(sources), 1), cfg.bos_id), targets], axis=1)
    log_probs = teacher_forced_log_probs(onnx_model, padded(sources), tgt_in, cfg.pad_id)  # (B, T+1, V)
    gold = np.concatenate([targets, np.full((len(sources), 1), cfg.eos_id)], axis=1)
    expected = np.take_along_axis(log_probs, gold[..., None], axis=-1)[..., 0]
    results = translator(out).score_batch(
        [[converter.source_vocab[i] for i in row[:-1]] for row in sources],
        [[converter.target_vocab[i] for i in row] for row in targets])
    actual = np.array([r.log_probs for r in results])
    assert actual.shape == expected.shape
    assert np.abs(actual - expected).max() < LOG_PROB_TOLERANCE


def test_tiny_models_give_our_log_probs_step_by_step(tiny):
    """CTranslate2's incremental decoding (one cached step at a time, as when translating), forced
    through a random target prefix, against our decoder graph's steps."""
    cfg, onnx_model, converter, out = tiny
    rng = np.random.default_rng(4)
    sources = random_sources(cfg, rng, [2, 9, 21])
    steps = 12
    prefix = rng.integers(4, cfg.tgt_vocab_size, (len(sources), steps))
    tgt_in = np.concatenate([np.full((len(sources), 1), cfg.bos_id), prefix[:, :-1]], axis=1)
    expected = teacher_forced_log_probs(onnx_model, padded(sources), tgt_in, cfg.pad_id)  # (B, steps, V)
    results = translator(out).translate_batch(
        [[converter.source_vocab[i] for i in row[:-1]] for row in sources],
        target_prefix=[[converter.target_vocab[i] for i in row] for row in prefix],
        beam_size=1, max_decoding_length=steps, min_decoding_length=0, return_logits_vocab=True)
    assert [r.hypotheses[0] for r in results] == [[converter.target_vocab[i] for i in row] for row in prefix]
    logits = np.array([[np.asarray(step, dtype=np.float64) for step in r.logits[0]] for r in results])
    top = logits.max(axis=-1, keepdims=True)
    actual = logits - top - np.log(np.exp(logits - top).sum(axis=-1, keepdims=True))
    assert actual.shape == expected.shape
    assert np.abs(actual - expected).max() < LOG_PROB_TOLERANCE


def onnx_forced_greedy(onnx_model: OnnxModel, src: np.ndarray, cfg: ModelConfig, prefix: np.ndarray,
                       length: int) -> list[list[int]]:
    """`prefix` (B, k) then greedy decoding with EOS forbidden up to `length` tokens: a fixed-length
    output, what CTranslate2 gives with that target prefix and min = max decoding length."""
    batch = src.shape[0]
    src_mask = (src != cfg.pad_id).astype(np.int64)
    cross, past = onnx_model.encode(src, src_mask), onnx_model.empty_cache(batch)
    tokens = np.full((batch, 1), cfg.bos_id, np.int64)
    out = []
    for step in range(length):
        log_probs, past = onnx_model.step(tokens, np.full((batch, 1), step, np.int64), src_mask,
                                          np.ones((batch, step + 1), np.int64), past, cross)
        log_probs[:, cfg.eos_id] = -np.inf
        chosen = prefix[:, step] if step < prefix.shape[1] else log_probs.argmax(axis=-1)
        tokens = chosen[:, None].astype(np.int64)
        out.append(tokens[:, 0])
    return np.stack(out, axis=1).tolist()


def test_tiny_models_give_our_greedy_tokens_at_a_forced_length(tiny):
    cfg, onnx_model, converter, out = tiny
    rng = np.random.default_rng(5)
    sources = random_sources(cfg, rng, [3, 8, 1, 17, 25, 11])
    length = 20
    for prefix_length in (0, 4):  # a random prefix sends each row somewhere else
        prefix = rng.integers(4, cfg.tgt_vocab_size, (len(sources), prefix_length))
        expected = onnx_forced_greedy(onnx_model, padded(sources), cfg, prefix, length)
        actual = ct2_translate_ids(translator(out), sources, converter.target_vocab, max_decoding_length=length,
                                   min_decoding_length=length, source_vocab=converter.source_vocab,
                                   target_prefix=[[converter.target_vocab[i] for i in row] for row in prefix]
                                   if prefix_length else None)
        assert actual == expected
        assert all(len(row) == length for row in actual)


def test_tiny_model_int8_quantization_converts_and_loads(tiny, tmp_path):
    cfg, _, converter, _ = tiny
    out = converter.convert(tmp_path / "int8", quantization="int8")
    sources = random_sources(cfg, np.random.default_rng(1), [5, 9])
    results = ct2_translate_ids(translator(out), sources, converter.target_vocab, max_decoding_length=6,
                                min_decoding_length=6, source_vocab=converter.source_vocab)
    assert [len(r) for r in results] == [6, 6]
    assert json.loads((out / PROVENANCE_FILE).read_text(encoding="utf-8"))["quantization"] == "int8"


# --- Refusals -------------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_existing_output_is_kept_without_force_and_replaced_with_it(tiny, tmp_path):
    _, _, converter, _ = tiny
    out = tmp_path / "ct2"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    before = snapshot(out)
    with pytest.raises(FileExistsError, match="--force"):
        converter.convert(out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ct2"], "no staging folder left behind"
    assert converter.convert(out, force=True) == out
    assert "keep.txt" not in snapshot(out) and (out / "model.bin").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ct2"]


def test_cli_refuses_an_existing_output(tmp_path, capsys):
    out = tmp_path / "ct2"
    out.mkdir()
    assert main([str(VERSION), "--output", str(out)]) == 2
    assert "exists" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_cli_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert "--quantization" in capsys.readouterr().out


def test_incomplete_version_folder_names_the_missing_file(tmp_path):
    shutil.copy(VERSION / "manifest.json", tmp_path / "manifest.json")
    shutil.copy(VERSION / "source.spm", tmp_path / "source.spm")
    with pytest.raises(ConversionError, match="encoder.onnx: missing"):
        ExportedModelConverter.from_version_dir(tmp_path)
    (tmp_path / "manifest.json").unlink()
    with pytest.raises(ConversionError, match="manifest.json is missing"):
        ExportedModelConverter.from_version_dir(tmp_path)
    with pytest.raises(ConversionError, match="not a directory"):
        ExportedModelConverter.from_version_dir(tmp_path / "nothing")


def test_a_graph_without_an_expected_weight_is_refused_by_name(tiny, tmp_path):
    cfg, _, converter, _ = tiny
    graph = onnx.load(str(converter.encoder_onnx))
    removed = "model.encoder_layers.1.ffn.w_1.bias"
    kept = [init for init in graph.graph.initializer if init.name != removed]
    assert len(kept) == len(graph.graph.initializer) - 1
    del graph.graph.initializer[:]
    graph.graph.initializer.extend(kept)
    broken = tmp_path / "encoder.onnx"
    onnx.save(graph, str(broken))
    bad = ExportedModelConverter(cfg.to_dict(), broken, converter.decoder_onnx, converter.source_vocab,
                                 converter.target_vocab)
    with pytest.raises(ConversionError, match=rf"{broken}.*{removed}"):
        bad.convert(tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_config_that_does_not_describe_the_graphs_is_refused(tiny, tmp_path):
    cfg, _, converter, _ = tiny
    other_norm = "post" if cfg.norm == "pre" else "pre"
    wrong = {**cfg.to_dict(), "norm": other_norm}
    bad = ExportedModelConverter(wrong, converter.encoder_onnx, converter.decoder_onnx, converter.source_vocab,
                                 converter.target_vocab)
    with pytest.raises(ConversionError, match="encoder.onnx"):
        bad.convert(tmp_path / "out")
    with pytest.raises(ConversionError, match="source vocabulary: 3 tokens"):
        ExportedModelConverter(cfg.to_dict(), converter.encoder_onnx, converter.decoder_onnx, ["a", "b", "c"],
                               converter.target_vocab)
    assert not (tmp_path / "out").exists()


def test_int8_variants_are_refused(tmp_path):
    int8 = STORE / "ko-en-int8" / str(INT8_VERSION)
    with pytest.raises(ConversionError, match="int8"):
        ExportedModelConverter.from_version_dir(int8)
    manifest = json.loads((int8 / "manifest.json").read_text(encoding="utf-8"))
    pieces = [spm.SentencePieceProcessor(model_file=str(int8 / f"{side}.spm")) for side in ("source", "target")]
    vocabs = [[p.id_to_piece(i) for i in range(p.get_piece_size())] for p in pieces]
    parts = ExportedModelConverter(manifest["model"], int8 / "encoder.onnx", int8 / "decoder.onnx", *vocabs)
    with pytest.raises(ConversionError, match="quantized graph.*MatMulInteger"):
        parts.convert(tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_output_inside_the_version_folder_is_refused(tmp_path):
    version = tmp_path / "ko-en" / "1"
    shutil.copytree(VERSION, version)
    converter = ExportedModelConverter.from_version_dir(version)
    for output in (version, version.parent):
        with pytest.raises(ConversionError, match="own input"):
            converter.convert(output, force=True)
    assert sorted(p.name for p in version.iterdir()) == ["decoder.onnx", "encoder.onnx", "manifest.json",
                                                         "source.spm", "target.spm"]
