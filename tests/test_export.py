"""ONNX export of a tiny trained model into a temporary store, and the graphs' contract."""

import json
import shutil

import numpy as np
import onnxruntime as ort
import pytest
import torch

from export import export_cli
from export import train as train_cli
from export.checkpoint import load_model
from export.corpus import write_tsv
from export.decoding import LengthLimit, greedy_decode
from export.onnx_export import OnnxModel, onnx_greedy, teacher_forced_log_probs
from export.onnx_graphs import cache_names
from model_store import DamagedVersion, ModelStore, StoreError
from tests.tiny import PAIRS, TINY_MODEL
from service.engine.onnx_model import session_options


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A tiny model trained for a few seconds, and its held-out file."""
    root = tmp_path_factory.mktemp("trained")
    tsv = root / "pairs.tsv"
    write_tsv(PAIRS * 3, tsv)
    assert train_cli.main(["--train", str(tsv), "--dev", str(tsv), *TINY_MODEL, "--encoder-layers", "2",
                           "--decoder-layers", "2", "--out", str(root / "run"), "--max-steps", "60",
                           "--eval-every", "60"]) == 0
    test = root / "test.tsv"
    write_tsv(PAIRS, test)
    return root / "run/best.pt", test


@pytest.fixture(scope="module")
def exported(trained, tmp_path_factory):
    checkpoint, test = trained
    store = tmp_path_factory.mktemp("store")
    assert export_cli.main(["--checkpoint", str(checkpoint), "--store", str(store), "--name", "tiny",
                            "--test", str(test)]) == 0
    return ModelStore(store), checkpoint, test


def test_export_writes_a_complete_verified_version(exported):
    store, _, _ = exported
    assert store.models() == ["tiny"] and store.versions("tiny") == [1]
    version = store.open("tiny")
    files = sorted(p.name for p in version.path.iterdir())
    assert files == ["decoder.onnx", "encoder.onnx", "manifest.json", "source.spm", "target.spm"]
    m = version.manifest
    assert (m.name, m.version, m.source_language, m.target_language, m.variant) == ("tiny", 1, "ko", "en", "fp32")
    assert m.special_tokens == {"pad": 0, "unk": 1, "bos": 2, "eos": 3}
    assert m.opset >= 17 and m.model["d_model"] == 32
    assert m.scores["checks"]["max_abs_log_prob_diff"] <= 1e-4
    assert m.scores["checks"]["greedy_agreement_sentences"] == len(PAIRS)
    assert 0 <= m.scores["test"]["bleu"] <= 100
    assert m.training_data["train"]["pairs"] > 0


def test_graph_inputs_and_outputs_follow_the_contract(exported):
    store, _, _ = exported
    path = store.open("tiny").path
    enc = ort.InferenceSession(str(path / "encoder.onnx"), session_options(), providers=["CPUExecutionProvider"])
    dec = ort.InferenceSession(str(path / "decoder.onnx"), session_options(), providers=["CPUExecutionProvider"])
    assert [i.name for i in enc.get_inputs()] == ["src_tokens", "src_mask"]
    assert [o.name for o in enc.get_outputs()] == cache_names(2, "cross")
    assert [i.name for i in dec.get_inputs()] == ["tokens", "positions", "src_mask", "cache_mask", "top_k",
                                                   *cache_names(2, "cache"), *cache_names(2, "cross")]
    assert [o.name for o in dec.get_outputs()] == ["log_probs", "top_log_probs", "top_ids", *cache_names(2, "new")]
    assert store.open("tiny").manifest.contract == 2


def test_top_k_is_each_rows_best_tokens_best_first_and_new_keys_extend_the_cache(exported):
    store, _, _ = exported
    version = store.open("tiny")
    onnx_model = OnnxModel.load(version.path, version.manifest.model)
    assert onnx_model.contract == 2
    rng = np.random.default_rng(1)
    batch, cache_len = 5, 9
    src = rng.integers(4, 20, (batch, 6))
    src_mask = np.ones_like(src)
    cross = onnx_model.encode(src, src_mask)
    cache = [rng.standard_normal((batch, 2, cache_len, 16)).astype(np.float32) for _ in range(4)]
    cache_mask = (np.arange(cache_len)[None, :] < np.array([0, 2, 5, 9, 3])[:, None]).astype(np.int64)
    tokens, positions = np.full((batch, 1), 7, np.int64), cache_mask.sum(axis=1, keepdims=True)
    log_probs, top_values, top_ids, new = onnx_model.step_in_place(tokens, positions, src_mask, cache_mask, 4,
                                                                     cache, cross, want_log_probs=True)
    expected_ids = np.argsort(-log_probs, axis=1, kind="stable")[:, :4]
    assert np.array_equal(top_ids, expected_ids)
    assert np.array_equal(top_values, np.take_along_axis(log_probs, expected_ids, axis=1))
    assert all(n.shape == (batch, 2, 1, 16) for n in new)
    # The same step through contract 1's meaning: each row's real past only, the new keys appended.
    for row in range(batch):
        past = [c[row: row + 1, :, cache_mask[row] == 1] for c in cache]
        alone, present = onnx_model.step(tokens[row: row + 1], positions[row: row + 1], src_mask[row: row + 1],
                                         np.ones((1, past[0].shape[2] + 1), np.int64), past,
                                         [c[row: row + 1] for c in cross])
        np.testing.assert_allclose(alone[0], log_probs[row], atol=1e-5)
        for p, n in zip(present, new):
            np.testing.assert_allclose(p[0, :, -1], n[row, :, 0], atol=1e-6)


@pytest.mark.parametrize("batch", [1, 7])
@pytest.mark.parametrize("src_len", [1, 50])
@pytest.mark.parametrize("past_len", [0, 30])
def test_graphs_run_with_dynamic_batch_source_and_cache_lengths(exported, batch, src_len, past_len):
    store, _, _ = exported
    version = store.open("tiny")
    onnx_model = OnnxModel.load(version.path, version.manifest.model)
    src = np.full((batch, src_len), 5, np.int64)
    src_mask = np.ones_like(src)
    cross = onnx_model.encode(src, src_mask)
    assert all(c.shape == (batch, 2, src_len, 16) for c in cross)
    past = [np.random.default_rng(0).standard_normal((batch, 2, past_len, 16)).astype(np.float32)
            for _ in range(4)]
    log_probs, present = onnx_model.step(np.full((batch, 1), 2, np.int64), np.full((batch, 1), past_len, np.int64),
                                         src_mask, np.ones((batch, past_len + 1), np.int64), past, cross)
    assert log_probs.shape == (batch, version.manifest.model["tgt_vocab_size"])
    assert np.allclose(np.exp(log_probs).sum(-1), 1.0, atol=1e-4)
    assert all(p.shape == (batch, 2, past_len + 1, 16) for p in present)


def test_onnx_log_probs_match_pytorch_on_a_padded_batch(exported):
    store, checkpoint, _ = exported
    loaded = load_model(checkpoint)
    version = store.open("tiny")
    onnx_model = OnnxModel.load(version.path, version.manifest.model)
    src = np.array([[5, 6, 7, 8, 3], [9, 10, 3, 0, 0]], np.int64)
    tgt = np.array([[2, 5, 6, 7], [2, 8, 9, 10]], np.int64)
    actual = teacher_forced_log_probs(onnx_model, src, tgt, pad_id=0)
    with torch.no_grad():
        expected = torch.log_softmax(loaded.model(torch.from_numpy(src), torch.from_numpy(tgt)), -1).numpy()
    assert np.abs(actual - expected).max() <= 1e-4


def test_a_padded_batch_gives_each_sentence_what_it_gets_alone(exported):
    store, checkpoint, _ = exported
    loaded = load_model(checkpoint)
    version = store.open("tiny")
    onnx_model = OnnxModel.load(version.path, version.manifest.model)
    sentences = [loaded.source_spm.encode(s) + [3] for s, _ in PAIRS[:5]]
    width = max(map(len, sentences))
    batch = np.array([s + [0] * (width - len(s)) for s in sentences], np.int64)
    together = onnx_greedy(onnx_model, batch, version.manifest.model, LengthLimit())
    alone = [onnx_greedy(onnx_model, np.array([s], np.int64), version.manifest.model, LengthLimit())[0]
             for s in sentences]
    assert together == alone
    reference = [h.tokens for h in greedy_decode(loaded.model, torch.from_numpy(batch))]
    assert together == reference


def test_reexport_without_force_is_refused_and_nothing_is_overwritten(exported, capsys):
    store, checkpoint, test = exported
    manifest = store.open("tiny").file("manifest.json")
    before = manifest.read_bytes()
    code = export_cli.main(["--checkpoint", str(checkpoint), "--store", str(store.root), "--name", "tiny",
                            "--version", "1", "--test", str(test)])
    assert code == 2
    assert "exists: pass --force" in capsys.readouterr().err
    assert manifest.read_bytes() == before


def test_export_picks_the_next_version_and_force_replaces(exported, tmp_path):
    store, checkpoint, test = exported
    root = tmp_path / "store"
    shutil.copytree(store.root, root)
    common = ["--checkpoint", str(checkpoint), "--store", str(root), "--name", "tiny", "--test", str(test)]
    assert export_cli.main(common) == 0
    assert ModelStore(root).versions("tiny") == [1, 2]
    assert export_cli.main([*common, "--version", "1", "--force"]) == 0
    assert ModelStore(root).open("tiny", 1).manifest.version == 1
    assert not any(p.name.startswith(".") for p in (root / "tiny").iterdir()), "staging folders left behind"


def test_tampered_file_is_caught_by_its_checksum(exported, tmp_path):
    store, _, _ = exported
    root = tmp_path / "store"
    shutil.copytree(store.root, root)
    decoder = root / "tiny/1/decoder.onnx"
    data = bytearray(decoder.read_bytes())
    data[len(data) // 2] ^= 0xFF
    decoder.write_bytes(bytes(data))
    with pytest.raises(DamagedVersion, match=r"decoder\.onnx: sha256 .* does not match"):
        ModelStore(root).open("tiny")


@pytest.mark.parametrize("missing", ["encoder.onnx", "target.spm", "manifest.json"])
def test_missing_file_is_reported_by_name(exported, tmp_path, missing):
    store, _, _ = exported
    root = tmp_path / "store"
    shutil.copytree(store.root, root)
    (root / "tiny/1" / missing).unlink()
    with pytest.raises(DamagedVersion, match=rf"{missing}: missing"):
        ModelStore(root).open("tiny")


def test_store_reports_unknown_models_and_versions(exported):
    store, _, _ = exported
    with pytest.raises(StoreError, match="model 'nope' not found"):
        store.open("nope")
    with pytest.raises(StoreError, match=r"has no version 9 \(versions: \[1\]\)"):
        store.open("tiny", 9)


def test_int8_variant_records_its_bleu_beside_the_fp32_one(exported, tmp_path):
    store, checkpoint, test = exported
    assert export_cli.main(["--checkpoint", str(checkpoint), "--store", str(tmp_path), "--name", "tiny",
                            "--test", str(test), "--int8"]) == 0
    int8 = ModelStore(tmp_path).open("tiny-int8")
    fp32 = ModelStore(tmp_path).open("tiny")
    assert int8.manifest.variant == "int8"
    assert int8.manifest.scores["fp32"]["test"]["bleu"] == fp32.manifest.scores["test"]["bleu"]
    assert 0 <= int8.manifest.scores["test"]["bleu"] <= 100
    manifest = json.loads(int8.file("manifest.json").read_text())
    assert manifest["files"]["encoder.onnx"] != fp32.manifest.files["encoder.onnx"]


def test_every_weight_in_the_graphs_carries_its_parameter_name(exported):
    import onnx

    store, checkpoint, _ = exported
    path = store.open("tiny").path
    params = {f"model.{n}" for n, _ in load_model(checkpoint).model.named_parameters(remove_duplicate=False)}
    for graph in ("encoder.onnx", "decoder.onnx"):
        model = onnx.load(str(path / graph))
        matrices = [i.name for i in model.graph.initializer if len(i.dims) == 2]
        assert matrices and all(n.removesuffix(".T") in params or n.endswith("pos.table") for n in matrices), matrices
        prefix = "src" if graph.startswith("encoder") else "tgt"
        assert f"model.{prefix}_pos.table" in matrices
