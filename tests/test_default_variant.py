"""Requests that name no model: the int8 variant on the CPU where its manifest proves equal quality."""

import json

from model_store import Manifest
from service.config import EngineConfig
from service.default_variant import choose_default, quality_gap
from service.engine.models import ModelRegistry
from tests.bundled import INT8_VERSION, STORE, VERSION, copy_version


def bundled(name: str) -> Manifest:
    return Manifest.read(STORE / name / str(VERSION if name == "ko-en" else INT8_VERSION) / "manifest.json")


def with_scores(manifest: Manifest, **sets: float) -> Manifest:
    scores = json.loads(json.dumps(manifest.scores))
    for name, bleu in sets.items():
        scores[name]["bleu"] = bleu
    return Manifest(**{**manifest.__dict__, "scores": scores})


def test_the_bundled_int8_variant_is_within_03_bleu_of_fp32_on_the_held_out_and_hand_written_sets():
    fp32, int8 = bundled("ko-en"), bundled("ko-en-int8")
    assert {"test", "everyday"} <= set(fp32.scores) and {"test", "everyday"} <= set(int8.scores)
    assert quality_gap(int8, fp32) is None
    for name in ("test", "everyday"):
        assert abs(int8.scores[name]["bleu"] - fp32.scores[name]["bleu"]) <= 0.3


def test_choice_on_cpu_cuda_policy_and_quality():
    fp32, int8 = bundled("ko-en"), bundled("ko-en-int8")
    newest = {"ko-en": fp32, "ko-en-int8": int8}
    cpu = {"ko-en": True, "ko-en-int8": True}
    choice = choose_default("ko-en", newest, cpu)
    assert (choice.name, choice.variant) == ("ko-en-int8", "int8")
    assert "within 0.3" in choice.reason and "everyday" in choice.reason and "test" in choice.reason
    assert choose_default("ko-en", newest, cpu, policy="named").name == "ko-en"
    cuda = choose_default("ko-en", newest, {"ko-en": False, "ko-en-int8": False})
    assert (cuda.name, cuda.variant) == ("ko-en", "fp32") and "CUDA" in cuda.reason
    # A variant 0.31 BLEU below on one set is refused, and the reason says where.
    worse = with_scores(int8, everyday=fp32.scores["everyday"]["bleu"] - 0.31)
    refused = choose_default("ko-en", {"ko-en": fp32, "ko-en-int8": worse}, cpu)
    assert refused.name == "ko-en" and "0.31 BLEU below on everyday" in refused.reason
    # Exactly 0.3 below still counts as equal quality (the "within 0.3").
    edge = with_scores(int8, test=fp32.scores["test"]["bleu"] - 0.3)
    assert choose_default("ko-en", {"ko-en": fp32, "ko-en-int8": edge}, cpu).name == "ko-en-int8"


def test_a_variant_of_another_version_or_without_shared_scores_is_not_taken():
    fp32, int8 = bundled("ko-en"), bundled("ko-en-int8")
    newer = Manifest(**{**fp32.__dict__, "version": fp32.version + 1})
    assert "not quantized from" in quality_gap(int8, newer)
    assert choose_default("ko-en", {"ko-en": newer, "ko-en-int8": int8}, {"ko-en": True, "ko-en-int8": True}).name \
        == "ko-en"
    bare = Manifest(**{**int8.__dict__, "scores": {"fp32": int8.scores["fp32"]}})
    assert quality_gap(bare, fp32) == "no evaluation set scored in both manifests"
    # A configured default that is itself int8 (or any model the store does not serve) is left alone.
    assert choose_default("ko-en-int8", {"ko-en": fp32, "ko-en-int8": int8}, {"ko-en-int8": True}).name == "ko-en-int8"
    assert choose_default("nope", {"ko-en": fp32}, {"ko-en": True}, configured=True).reason == "configured; not served"


def test_the_registry_serves_the_int8_variant_to_requests_that_name_no_model(tmp_path):
    copy_version(tmp_path, 1, "ko-en")
    int8 = copy_version(tmp_path, 1, "ko-en-int8")
    manifest = json.loads((int8 / "manifest.json").read_text())
    manifest["scores"]["fp32"]["version"] = 1  # the copies are both version 1: the variant names its fp32
    (int8 / "manifest.json").write_text(json.dumps(manifest))
    registry = ModelRegistry(tmp_path, EngineConfig(warmup=False, device="cpu"))
    registry.refresh()
    assert registry.default_model == "ko-en-int8" and registry.get(None, None).manifest.variant == "int8"
    assert registry.get("ko-en", None).manifest.variant == "fp32"  # a request that names a model gets it
    named = ModelRegistry(tmp_path, EngineConfig(warmup=False, device="cpu"), default_variant="named")
    named.refresh()
    assert named.default_model == "ko-en" and named.get(None, None).manifest.variant == "fp32"
