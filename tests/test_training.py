"""Training end to end on tiny corpora: it learns, it repeats itself, it resumes exactly."""

import json

import pytest
import torch

from export import train as train_cli
from export.checkpoint import load_model, read_checkpoint
from export.config import ModelConfig, TrainConfig
from export.corpus import ParallelCorpus, write_tsv
from export.evaluate import translate
from export.train import TimeBudget, learning_rate, prepare_data, train
from tests.tiny import PAIRS, TINY_MODEL


def test_learning_rate_warms_up_then_decays_as_inverse_square_root():
    lrs = [learning_rate(s, d_model=256, warmup=100, factor=1.0) for s in (1, 50, 100, 400)]
    assert lrs[0] < lrs[1] < lrs[2]
    assert lrs[2] == pytest.approx(256 ** -0.5 * 100 ** -0.5)
    assert lrs[3] == pytest.approx(lrs[2] / 2)  # four times the steps, half the rate


def test_tiny_model_overfits_a_tiny_corpus(tmp_path):
    corpus = ParallelCorpus(splits={"train": PAIRS, "dev": PAIRS[:4]}, source="test")
    data = prepare_data(corpus, None, None, src_vocab=120, tgt_vocab=120, seed=1)
    model_cfg = ModelConfig(src_vocab_size=120, tgt_vocab_size=120, d_model=64, n_heads=4, n_encoder_layers=2,
                            n_decoder_layers=2, d_ff=128, dropout=0.0)
    cfg = TrainConfig(seed=1, max_steps=300, max_tokens=400, warmup_steps=30, lr_factor=0.5, eval_every=300,
                      eval_sentences=4, label_smoothing=0.0)
    progress = train(model_cfg, cfg, data, tmp_path)
    assert progress.history["train"][-1]["loss"] < 0.05
    loaded = load_model(tmp_path / "best.pt")
    hyps = translate(loaded.model, loaded.source_spm, loaded.target_spm, [s for s, _ in PAIRS])
    assert hyps == [t for _, t in PAIRS]


def _weights(path):
    return read_checkpoint(path)["model"]


def _assert_same_weights(a, b):
    assert a.keys() == b.keys()
    for name in a:
        assert torch.equal(a[name], b[name]), f"{name} differs"


def test_same_seed_gives_the_same_run_and_resume_continues_exactly(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    write_tsv(PAIRS * 4, tsv)
    common = ["--train", str(tsv), "--dev", str(tsv), *TINY_MODEL, "--eval-every", "10", "--seed", "5"]
    assert train_cli.main([*common, "--out", str(tmp_path / "a"), "--max-steps", "20"]) == 0
    assert train_cli.main([*common, "--out", str(tmp_path / "b"), "--max-steps", "20"]) == 0
    _assert_same_weights(_weights(tmp_path / "a/last.pt"), _weights(tmp_path / "b/last.pt"))

    assert train_cli.main([*common, "--out", str(tmp_path / "c"), "--max-steps", "10"]) == 0
    assert train_cli.main([*common, "--out", str(tmp_path / "c"), "--max-steps", "20", "--resume"]) == 0
    _assert_same_weights(_weights(tmp_path / "a/last.pt"), _weights(tmp_path / "c/last.pt"))

    for name in ("best.pt", "curves.png", "history.json", "results.json", "source.spm", "target.spm"):
        assert (tmp_path / "a" / name).is_file(), name
    history = json.loads((tmp_path / "a/history.json").read_text())
    assert [e["step"] for e in history["eval"]] == [10, 20]


def test_the_time_budget_keeps_room_for_the_last_validation_and_the_final_scores():
    budget = TimeBudget(limit_seconds=600, spent_seconds=30, final_per_validation=3.0)
    assert not budget.out_of_time(569) and budget.out_of_time(571)  # no validation yet: nothing to keep
    budget.validation_seconds = 10  # one more validation (10 s) and the final scores (3 × 10 s) to come
    assert budget.reserve() == 40
    assert not budget.out_of_time(529) and budget.out_of_time(531)
    assert not TimeBudget(limit_seconds=0, spent_seconds=1e9, validation_seconds=1e9).out_of_time(1e9)  # 0: none


def test_a_time_limit_counts_what_the_command_spent_before_training(tmp_path, caplog):
    corpus = ParallelCorpus(splits={"train": PAIRS, "dev": PAIRS[:4]}, source="test")
    data = prepare_data(corpus, None, None, src_vocab=120, tgt_vocab=120, seed=1)
    model_cfg = ModelConfig(src_vocab_size=120, tgt_vocab_size=120, d_model=32, n_heads=2, n_encoder_layers=1,
                            n_decoder_layers=1, d_ff=64)
    cfg = TrainConfig(max_steps=50, max_tokens=300, eval_every=10, eval_sentences=4, time_limit_minutes=1.0)
    assert train(model_cfg, cfg, data, tmp_path).step == 50  # a minute is plenty for 50 tiny steps
    # ... unless the command already spent it: training stops after one step and validates once
    progress = train(model_cfg, cfg, data, tmp_path, spent_seconds=60.0)
    assert progress.step == 1 and [e["step"] for e in progress.history["eval"]] == [1]
    assert any("time limit of 1.0 minutes reached at step 1 " in r.getMessage() for r in caplog.records)


def test_a_resumed_run_gets_its_own_time_limit_not_what_is_left_of_the_first(tmp_path):
    """--time-limit is the command's: an hour of earlier training does not stop a resumed command at once."""
    tsv = tmp_path / "pairs.tsv"
    write_tsv(PAIRS * 4, tsv)
    common = ["--train", str(tsv), "--dev", str(tsv), *TINY_MODEL, "--eval-every", "10", "--out", str(tmp_path / "r")]
    assert train_cli.main([*common, "--max-steps", "10"]) == 0
    state = read_checkpoint(tmp_path / "r/last.pt")
    state["progress"]["elapsed"] = 3600.0  # as if the first command had trained for an hour
    torch.save(state, tmp_path / "r/last.pt")
    assert train_cli.main([*common, "--max-steps", "20", "--resume", "--time-limit", "5"]) == 0
    results = json.loads((tmp_path / "r/results.json").read_text())
    assert results["steps"] == 20
    assert results["train_minutes"] >= 60  # the run's own training time still adds up across commands


def test_a_run_out_of_time_still_writes_its_best_checkpoint_and_final_scores(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    write_tsv(PAIRS * 4, tsv)
    assert train_cli.main(["--train", str(tsv), "--dev", str(tsv), "--test", str(tsv), *TINY_MODEL,
                           "--out", str(tmp_path / "run"), "--max-steps", "50", "--time-limit", "1e-6"]) == 0
    results = json.loads((tmp_path / "run/results.json").read_text())
    assert results["steps"] == 1 and results["test"]["sentences"] == len(PAIRS) * 4
    assert (tmp_path / "run/best.pt").is_file()


def test_training_refuses_to_overwrite_a_run_without_resume(tmp_path, capsys):
    tsv = tmp_path / "pairs.tsv"
    write_tsv(PAIRS, tsv)
    args = ["--train", str(tsv), *TINY_MODEL, "--out", str(tmp_path / "run"), "--max-steps", "2", "--eval-every", "2"]
    assert train_cli.main(args) == 0
    before = (tmp_path / "run/last.pt").read_bytes()
    assert train_cli.main(args) == 2
    assert "pass --resume" in capsys.readouterr().err
    assert (tmp_path / "run/last.pt").read_bytes() == before


def test_training_reports_a_broken_corpus_file_with_its_line(tmp_path, capsys):
    tsv = tmp_path / "broken.tsv"
    tsv.write_text("나는 갔어.\tI went.\n너는 갔어?\tDid you go?\n이 줄에는 탭이 없다\n", encoding="utf-8")
    assert train_cli.main(["--train", str(tsv), "--out", str(tmp_path / "run"), *TINY_MODEL]) == 2
    err = capsys.readouterr().err
    assert f"{tsv}:3" in err and "2 tab-separated columns" in err
    assert not (tmp_path / "run/last.pt").exists()


@pytest.mark.parametrize("version,parts", [(1, ["dev"]), (2, ["dev", "everyday_dev"])])
def test_checkpoints_are_chosen_on_the_everyday_development_set_from_corpus_version_2(version, parts):
    from export.corpus import everyday_dev, everyday_heldout
    from export.train import selection_pairs

    corpus = ParallelCorpus(splits={"train": PAIRS, "dev": PAIRS * 50, "test": PAIRS},
                            source="test", description={"grammar": {"version": version}})
    chosen = selection_pairs(type("Data", (), {"corpus": corpus})(), TrainConfig(eval_sentences=100))
    assert list(chosen) == parts and len(chosen["dev"]) == 100
    if version >= 2:
        assert chosen["everyday_dev"] == everyday_dev()
        held_out = {ko for ko, _ in everyday_heldout()}
        assert not held_out & {ko for ko, _ in chosen["everyday_dev"]}, "the held-out set must never choose"


def test_a_new_run_records_the_everyday_revision_it_trains_on(tmp_path, monkeypatch):
    """mt-train describes the bundled corpus it is about to build; a summary without a revision means
    the oldest recorded one (3), so a new run must name its revision itself."""
    from export.corpus import EVERYDAY_REVISION, FIRST_GRAMMAR_SHARE

    asked = []

    class Built(Exception):
        pass

    def build(grammar):
        asked.append(grammar)
        raise Built

    monkeypatch.setattr(train_cli, "bundled_corpus_from_summary", build)
    with pytest.raises(Built):
        train_cli.main(["--out", str(tmp_path / "run"), *TINY_MODEL])
    assert asked[-1]["version"] == 2 and asked[-1]["everyday_revision"] == EVERYDAY_REVISION
    with pytest.raises(Built):
        train_cli.main(["--out", str(tmp_path / "run5"), "--everyday-revision", "5", *TINY_MODEL])
    assert asked[-1]["everyday_revision"] == 5
    assert asked[-1]["first_grammar_share"] == FIRST_GRAMMAR_SHARE
    with pytest.raises(Built):
        train_cli.main(["--out", str(tmp_path / "share"), "--first-grammar-share", "0.2", *TINY_MODEL])
    assert asked[-1]["first_grammar_share"] == 0.2


def test_averaging_the_last_checkpoints_keeps_n_snapshots_and_the_better_of_average_and_best(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    write_tsv(PAIRS * 4, tsv)
    out = tmp_path / "run"
    assert train_cli.main(["--train", str(tsv), "--dev", str(tsv), *TINY_MODEL, "--eval-every", "5",
                           "--max-steps", "20", "--average-last", "3", "--out", str(out)]) == 0
    snapshots = sorted((out / "snapshots").glob("step-*.pt"))
    assert [p.name for p in snapshots] == ["step-0000010.pt", "step-0000015.pt", "step-0000020.pt"]
    history = json.loads((out / "history.json").read_text())
    averaged = history["averaged"]
    assert averaged["steps"] == [10, 15, 20]
    mean = {name: sum(torch.load(p, weights_only=True)[name] for p in snapshots) / 3 for name in _weights(out / "best.pt")}
    best = _weights(out / "best.pt")
    is_average = all(torch.allclose(best[name], mean[name], atol=1e-6) for name in best)
    assert averaged["kept"] == (averaged["dev_bleu"] > max(e["dev_bleu"] for e in history["eval"])) == is_average
    # last.pt keeps the last step's own weights (a resumed run goes on from them, not from the average).
    _assert_same_weights(_weights(out / "last.pt"), torch.load(snapshots[-1], weights_only=True))


def test_average_last_refuses_a_single_checkpoint():
    with pytest.raises(ValueError, match="at least 2"):
        TrainConfig(average_last=1)


def test_the_bare_command_trains_pre_ln_and_a_stored_config_without_a_norm_stays_post_ln():
    args = train_cli.build_parser().parse_args([])
    assert args.norm == "pre"  # ko-en/5's recipe: it learned faster at every step than post-LN
    config = ModelConfig(src_vocab_size=8, tgt_vocab_size=8).to_dict()
    del config["norm"]
    assert ModelConfig.from_dict(config).norm == "post"  # what every model stored before the norm was recorded
