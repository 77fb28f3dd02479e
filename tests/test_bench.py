"""mt-bench runs end to end on a small case and reports every figure (no timing is asserted:
speed is judged by the benchmark's printed ratios, not by tests)."""

import pytest

pytest.importorskip("ctranslate2")

from bench import engine_bench  # noqa: E402


def test_bench_reports_each_case_with_its_figures(tmp_path, capsys):
    table = tmp_path / "bench.md"
    code = engine_bench.main(["--models", "default", "--beams", "1", "2", "--batches", "3", "--precisions", "fp32",
                              "--sentences", "6", "--rounds", "1", "--threads", "1", "--markdown", str(table),
                              "--ct2-variants", "default", "DNNL"])
    assert code == 0  # non-zero when CTranslate2's greedy tokens differ from the engine's
    text = table.read_text()
    assert "CTranslate2 = engine on the default model: 200 / 200" in text
    rows = [line for line in text.splitlines() if line.startswith("| default")]
    assert [r.split("|")[1].strip() for r in rows] == ["default fp32 beam 1 batch 3", "default fp32 beam 2 batch 3"]
    for row in rows:
        cells = [c.strip() for c in row.split("|")[2:-1]]
        engine_tps, ct2_tps = (float(c.replace(",", "")) for c in cells[:2])
        assert engine_tps > 0 and ct2_tps > 0
        assert cells[2] in ("default", "DNNL"), f"CTranslate2's best variant is not one it ran: {cells[2]}"
        assert cells[3].startswith("**") and cells[4].endswith("%") and cells[5].endswith("%")


def test_the_compiled_step_bench_checks_tokens_and_reports_both_sides_and_a_profile(capsys):
    from bench import compiled_step

    code = compiled_step.main(["--beams", "1", "2", "--batches", "3", "--sentences", "6", "--rounds", "1",
                               "--threads", "1", "--profile"])
    assert code == 0  # non-zero when the compiled step's tokens differ from the numpy reference's
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| fp32 beam")]
    assert [r.split("|")[1].strip() for r in rows] == ["fp32 beam 1 batch 3", "fp32 beam 2 batch 3"]
    for row in rows:
        cells = [c.strip() for c in row.split("|")[2:-1]]
        assert float(cells[0]) > 0 and float(cells[1]) > 0 and cells[2].startswith("**")
        assert cells[5].endswith("%") and cells[6].endswith("%")
    assert out.count("compiled step:") == 2  # a profile per case
    assert "| decoder Gemm |" in out and "| outside ONNX Runtime (Python and the compiled bookkeeping) |" in out


def test_the_model_table_scores_every_set_and_times_every_case(capsys):
    from bench import model_table

    code = model_table.main([f"{model_table.STORE}:ko-en-int8", "--limit", "12", "--speed-rounds", "1",
                             "--batch-1-sentences", "2", "--threads", "1"])
    assert code == 0
    out = capsys.readouterr().out
    quality = [line for line in out.splitlines() if line.startswith("| ko-en-int8/")]
    assert len(quality) == 2  # the quality row, then the speed row
    cells = [c.strip() for c in quality[0].split("|")[2:-1]]
    assert 0 < float(cells[0]) < 100  # MiB on disk
    assert all(0 <= float(c) <= 100 for c in cells[1:3])  # BLEU on the two grammar splits
    for cell in cells[3:]:
        bleu, chrf, loops = (x.strip() for x in cell.split("/"))
        assert 0 <= float(bleu) <= 100 and 0 <= float(chrf) <= 100 and 0 <= int(loops) <= 12
    speeds = [float(c) for c in quality[1].split("|")[2:-1]]
    assert len(speeds) == len(model_table.SPEED_CASES) and all(s > 0 for s in speeds)


def test_the_model_table_refuses_a_model_it_cannot_parse():
    from bench import model_table

    with pytest.raises(SystemExit):
        model_table.main(["model_store/ko-en"])


def test_one_at_a_time_rows_are_means_over_the_calls_between_two_reads_of_the_servers_histograms(capsys):
    from bench.served_one_at_a_time import main, row

    before = {"server ms": (1.0, 10), "join wait ms": (0.1, 10), "step ms": (0.5, 100)}
    after = {"server ms": (1.3, 30), "join wait ms": (0.12, 30), "step ms": (0.68, 460)}  # 20 calls, 360 steps
    assert row("h2load", 2, [9.0, 15.0, 18.0], before, after) == \
        "| h2load, round 2 | 15.00 | 14.00 | 15.00 | 1.00 | 0.50 | 18.0 |"
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0 and "h2load" in capsys.readouterr().out


def test_folding_the_query_scale_removes_one_mul_per_attention_and_keeps_the_log_probs():
    import onnx
    import onnxruntime as ort

    from bench.fold_query_scale import fold_query_scale, step_inputs
    from service.engine.onnx_model import session_options
    from tests.bundled import FOLDER

    model = onnx.load(str(FOLDER / "decoder.onnx"))
    muls = sum(node.op_type == "Mul" for node in model.graph.node)
    layers = sum(i.name.startswith("cache_key") for i in model.graph.input)
    assert fold_query_scale(model.graph) == 2 * layers  # self- and cross-attention of each decoder layer
    assert sum(node.op_type == "Mul" for node in model.graph.node) == muls - 2 * layers
    options = session_options(2)  # the process-wide pool that every session shares (the tests' engines ask for 2)
    plain = ort.InferenceSession(str(FOLDER / "decoder.onnx"), options, providers=["CPUExecutionProvider"])
    folded = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    feed = step_inputs(plain, 3)
    assert abs(plain.run(["log_probs"], feed)[0] - folded.run(["log_probs"], feed)[0]).max() < 1e-4
