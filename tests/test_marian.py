"""OPUS-MT / Marian checkpoints: a tiny MarianMTModel with random weights and tokenizers trained here,
saved by transformers' save_pretrained, imported by mt-import and served over gRPC, against
transformers' own tokenizer and generate()."""

import json
import shutil

import pytest
import torch

from export import import_cli
from export.decoding import LengthLimit, beam_search
from export.marian_import import check_checkpoint, load_original, marian_model_config, to_transformer
from export.marian_random import MarianShape, build_random_marian
from model_store import ModelStore
from service.client import TranslatorClient
from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine
from tests.test_service import RunningServer
from tests.tiny import PAIRS

transformers = pytest.importorskip("transformers")

TEXTS = [s for s, _ in PAIRS] + ["완전히 새로운 문장 xyz!", ">>eng<< 사과", "ÆØÅ 😀"]
# A random model's outputs end (EOS) or run to the length limit: this bias on EOS gives both kinds.
TINY = MarianShape(d_model=32, heads=2, encoder_layers=2, decoder_layers=2, ffn=64, spm_vocab=100, max_positions=64,
                   eos_bias=0.6)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hf") / "opus-mt-ko-en"
    return build_random_marian(folder, [s for s, _ in PAIRS] * 4, [t for _, t in PAIRS] * 4, TINY)


@pytest.fixture(scope="module")
def store(checkpoint, tmp_path_factory):
    root = tmp_path_factory.mktemp("store")
    assert import_cli.main([str(checkpoint), "--store", str(root), "--int8"]) == 0
    return ModelStore(root)


@pytest.fixture(scope="module")
def original(checkpoint):
    return transformers.MarianMTModel.from_pretrained(checkpoint).eval()


@pytest.fixture(scope="module")
def tokenizer(checkpoint):
    return transformers.MarianTokenizer.from_pretrained(checkpoint)


@pytest.fixture(scope="module")
def engine(store):
    return Engine(store.open("opus-mt-ko-en"), EngineConfig(warmup=False, intra_op_threads=1))


@pytest.fixture(scope="module")
def client(store):
    server = RunningServer(store=store.root, max_wait_ms=5)
    with TranslatorClient(server.address) as c:
        yield c
    server.close()


def generate(original, tokenizer, text: str, limit: int, **options) -> list[int]:
    """transformers' tokens for `text`, without the start token and EOS, cut at our length limit (at
    most `limit` tokens, EOS included) and with no EOS forced at the limit (README: OPUS-MT models)."""
    ids = tokenizer(text, return_tensors="pt").input_ids
    out = original.generate(input_ids=ids, do_sample=False, max_length=limit + 1, forced_eos_token_id=None,
                            **options)[0].tolist()[1:]
    return out[: out.index(0)] if 0 in out else out


def log_prob(original, source: list[int], tokens: list[int], finished: bool) -> float:
    """Sum of the token log-probabilities under transformers' model (EOS included when finished)."""
    cfg = original.config
    target = [*tokens, cfg.eos_token_id] if finished else tokens
    with torch.no_grad():
        logits = original(input_ids=torch.tensor([source]),
                          decoder_input_ids=torch.tensor([[cfg.decoder_start_token_id, *target[:-1]]])).logits
    return float(torch.log_softmax(logits[0], -1)[torch.arange(len(target)), torch.tensor(target)].sum())


def test_import_writes_a_checked_version_that_says_how_to_tokenize(store):
    assert store.models() == ["opus-mt-ko-en", "opus-mt-ko-en-int8"]
    version = store.open("opus-mt-ko-en")
    m = version.manifest
    assert sorted(p.name for p in version.path.iterdir()) == [
        "decoder.onnx", "encoder.onnx", "manifest.json", "source.spm", "target.spm", "vocab.json"]
    assert (m.source_language, m.target_language, m.variant, m.contract) == ("ko", "en", "fp32", 2)
    assert m.tokenizer == {"kind": "marian", "source": "source.spm", "target": "target.spm", "vocab": "vocab.json",
                           "target_vocab": "vocab.json"}
    pad = m.model["pad_id"]
    assert m.special_tokens == {"pad": pad, "unk": 1, "bos": pad, "eos": 0}  # decoding starts from pad
    assert m.model["suppress_ids"] == [pad] and m.model["activation"] == "swish"
    assert m.model["sinusoid_layout"] == "concatenated" and m.model["output_bias"] and m.model["share_embeddings"]
    checks = m.scores["checks"]
    assert checks["max_abs_log_prob_diff_vs_transformers"] <= 1e-4 and checks["max_abs_log_prob_diff"] <= 1e-4
    assert checks["greedy_agreement_with_transformers"] == checks["greedy_agreement_sentences"] == 16
    assert store.open("opus-mt-ko-en-int8").manifest.tokenizer["kind"] == "marian"


def test_source_ids_and_detokenized_text_equal_marian_tokenizers(engine, tokenizer):
    unknown = 0
    for text in TEXTS:
        ids = engine.encode([text])[0]
        assert [*ids, 0] == tokenizer(text).input_ids, text  # EOS (0) is appended by the running batch
        unknown += ids.count(1)
        assert engine.target_tokenizer.decode(ids) == tokenizer.decode(ids, skip_special_tokens=True)
    assert unknown, "no text exercised the <unk> mapping"


@pytest.mark.parametrize("beam_size", [1, 4])
def test_served_translations_are_transformers_generate_tokens(engine, client, original, tokenizer, beam_size):
    """Greedy, and beam search with length_penalty 0, where both searches stop by the same exact rule
    (README: OPUS-MT models): the engine's tokens are generate()'s, and over gRPC the text, log-prob and
    finished flag are the same hypothesis's."""
    options = DecodingOptions(beam_size=beam_size, length_penalty=0.0)
    # No controls (the server's default no-repeat n-gram size is off here): generate()'s own defaults.
    response = client.translate_request(TEXTS, model="opus-mt-ko-en", beam_size=beam_size, length_penalty=0.0,
                                        no_repeat_ngram_size=0)
    ended = 0
    for text, result, served in zip(TEXTS, engine.translate(TEXTS, options), response.translations):
        source = tokenizer(text).input_ids
        expected = generate(original, tokenizer, text, options.length_limit(len(source)), num_beams=beam_size,
                            length_penalty=0.0, early_stopping="never")
        best, hyp = result[0], served.hypotheses[0]
        assert best.tokens == expected, text
        assert (hyp.text, hyp.finished) == (tokenizer.decode(expected, skip_special_tokens=True), best.finished)
        assert hyp.log_prob == pytest.approx(log_prob(original, source, expected, best.finished), abs=1e-3)
        ended += best.finished
    assert 0 < ended < len(TEXTS), "the texts should include outputs that end and outputs cut at the limit"


def test_beam_search_with_a_length_penalty_follows_our_reference(engine, client, checkpoint, tokenizer):
    """With length_penalty > 0 transformers' beam search stops by a heuristic and ours when the step's
    best candidate ends (README): the served result is our PyTorch reference's on the imported weights."""
    files = check_checkpoint(checkpoint)
    model = to_transformer(load_original(files), marian_model_config(files))
    response = client.translate_request(TEXTS, model="opus-mt-ko-en", beam_size=4, n_best=2, length_penalty=1.0,
                                        no_repeat_ngram_size=0)  # no controls: the reference has none
    for text, served in zip(TEXTS, response.translations):
        source = torch.tensor([tokenizer(text).input_ids])
        expected = beam_search(model, source, beam_size=4, n_best=2, limit=LengthLimit(), length_penalty=1.0)[0]
        assert [h.text for h in served.hypotheses] == [engine.target_tokenizer.decode(h.tokens) for h in expected]
        assert [h.score for h in served.hypotheses] == pytest.approx([h.score for h in expected], abs=1e-3)


def test_list_models_shows_the_imported_model_and_its_int8_variant(client):
    models = {m.name: m for m in client.list_models().models}
    assert set(models) == {"opus-mt-ko-en", "opus-mt-ko-en-int8"}
    m = models["opus-mt-ko-en"]
    assert (m.source_language, m.target_language, [v.variant for v in m.versions]) == ("ko", "en", ["fp32"])
    assert m.limits.max_source_tokens == TINY.max_positions
    assert [v.variant for v in models["opus-mt-ko-en-int8"].versions] == ["int8"]
    assert len(client.translate(TEXTS[:3], model="opus-mt-ko-en-int8", beam_size=2)) == 3


# ---- bad checkpoints: refused with the file and what was expected, and nothing written ----------------


def broken(checkpoint, tmp_path, change):
    folder = tmp_path / "ckpt"
    shutil.copytree(checkpoint, folder)
    change(folder)
    return folder


def pickled(folder):
    from safetensors.torch import load_file

    torch.save(load_file(folder / "model.safetensors"), folder / "pytorch_model.bin")
    (folder / "model.safetensors").unlink()


def edit_json(name, **changes):
    def change(folder):
        data = json.loads((folder / name).read_text())
        (folder / name).write_text(json.dumps({**data, **changes}))
    return change


def extra_piece(folder):
    vocab = json.loads((folder / "vocab.json").read_text())
    (folder / "vocab.json").write_text(json.dumps({**vocab, "▁extra": len(vocab)}))


BAD = {
    "pickle": (pickled, ["pytorch_model.bin", "pickle", "can run code", "model.safetensors", "--allow-pickle"]),
    "no config": (lambda f: (f / "config.json").unlink(), ["config.json is missing", "expected", "MarianMTModel"]),
    "no weights": (lambda f: (f / "model.safetensors").unlink(), ["model.safetensors is missing", "expected"]),
    "no source.spm": (lambda f: (f / "source.spm").unlink(), ["source.spm is missing", "expected"]),
    "no target.spm": (lambda f: (f / "target.spm").unlink(), ["target.spm is missing", "expected"]),
    "no vocab.json": (lambda f: (f / "vocab.json").unlink(), ["vocab.json is missing", "expected"]),
    "not marian": (edit_json("config.json", model_type="bart", architectures=["BartForConditionalGeneration"]),
                   ["config.json", "'bart'", "BartForConditionalGeneration", "expected a Marian"]),
    "vocabulary size": (extra_piece, ["vocab.json", "137 pieces", "vocab_size=136", "expected ids 0 to 135"]),
    "config vocab size": (edit_json("config.json", vocab_size=500, decoder_vocab_size=500),
                          ["vocab.json", "vocab_size=500", "expected ids 0 to 499"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_checkpoint_is_refused_naming_the_file_and_what_was_expected(checkpoint, tmp_path, capsys, case):
    change, phrases = BAD[case]
    folder = broken(checkpoint, tmp_path, change)
    assert import_cli.main([str(folder), "--store", str(tmp_path / "store"), "--name", "m"]) == 2
    message = capsys.readouterr().err
    for phrase in phrases:
        assert phrase in message, f"{case}: {phrase!r} not in {message!r}"
    assert not (tmp_path / "store" / "m").exists() or not any((tmp_path / "store" / "m").iterdir())


def test_a_pickle_imports_only_when_allowed(checkpoint, tmp_path):
    folder = broken(checkpoint, tmp_path, pickled)
    assert import_cli.main([str(folder), "--store", str(tmp_path / "store"), "--name", "m", "--allow-pickle",
                            "--check-sentences", "4"]) == 0
    manifest = ModelStore(tmp_path / "store").open("m").manifest
    assert manifest.training_data["imported_from"]["weights"] == "pytorch_model.bin"


def test_mt_import_has_help(capsys):
    with pytest.raises(SystemExit):
        import_cli.main(["--help"])
    assert "--allow-pickle" in capsys.readouterr().out


def test_ctranslate2s_own_converter_gives_the_engines_greedy_tokens(checkpoint, store, tmp_path):
    """The reference side of mt-bench's Marian case: CTranslate2's TransformersConverter on the same
    checkpoint decodes the same tokens as the imported version (to a fixed limit)."""
    ctranslate2 = pytest.importorskip("ctranslate2")
    from bench.ctranslate2_convert import ct2_translate_ids, read_vocabularies
    from export.marian_import import random_sources
    from service.engine.decoding import SpecialTokens, greedy_search
    from service.engine.onnx_model import OnnxModel
    from bench.engine_bench import pad_batch

    ctranslate2.converters.TransformersConverter(str(checkpoint)).convert(str(tmp_path / "ct2"))
    version = store.open("opus-mt-ko-en")
    cfg = version.manifest.model
    sources = random_sources(marian_model_config(check_checkpoint(checkpoint)), 12)
    special = SpecialTokens(cfg["pad_id"], cfg["bos_id"], cfg["eos_id"])
    options = DecodingOptions(max_length=20, max_length_a=0.0, max_length_b=20)
    ours = [h.tokens for h in greedy_search(OnnxModel.load(version.path, cfg), pad_batch(sources, 0, cfg["pad_id"]),
                                            options, special)]
    source_vocab, target_vocab = read_vocabularies(tmp_path / "ct2")
    translator = ctranslate2.Translator(str(tmp_path / "ct2"), device="cpu", intra_threads=1)
    theirs = ct2_translate_ids(translator, sources, target_vocab, max_decoding_length=20, source_vocab=source_vocab,
                               eos_id=cfg["eos_id"], pad_id=cfg["pad_id"], source_eos=True)
    assert ours == theirs


def test_separate_vocabularies_and_embeddings_import_and_translate_as_transformers(tmp_path):
    shape = MarianShape(**{**TINY.__dict__, "separate_vocabs": True})
    checkpoint = build_random_marian(tmp_path / "opus-mt-ko-en", [s for s, _ in PAIRS] * 4,
                                     [t for _, t in PAIRS] * 4, shape)
    assert import_cli.main([str(checkpoint), "--store", str(tmp_path / "store"), "--check-sentences", "4"]) == 0
    version = ModelStore(tmp_path / "store").open("opus-mt-ko-en")
    assert version.manifest.tokenizer["target_vocab"] == "target_vocab.json"
    assert not version.manifest.model["share_embeddings"]
    engine = Engine(version, EngineConfig(warmup=False, intra_op_threads=1))
    original = transformers.MarianMTModel.from_pretrained(checkpoint).eval()
    tokenizer = transformers.MarianTokenizer.from_pretrained(checkpoint)
    results = engine.translate(TEXTS)
    for text, result in zip(TEXTS, results):
        assert [*engine.encode([text])[0], 0] == tokenizer(text).input_ids
        expected = generate(original, tokenizer, text, DecodingOptions().length_limit(len(tokenizer(text).input_ids)),
                            num_beams=1)
        assert result[0].tokens == expected and result[0].text == tokenizer.decode(expected, skip_special_tokens=True)
    assert any(r[0].text for r in results), "every translation is empty: the comparison tells little"


def test_an_imported_version_rebuilds_from_its_graphs_alone(store, checkpoint):
    from export.onnx_import import transformer_from_version

    files = check_checkpoint(checkpoint)
    expected = to_transformer(load_original(files), marian_model_config(files))
    rebuilt = transformer_from_version(store.open("opus-mt-ko-en").path)
    assert rebuilt.config == expected.config
    for (name, a), b in zip(expected.state_dict().items(), rebuilt.state_dict().values()):
        assert torch.equal(a, b), name
