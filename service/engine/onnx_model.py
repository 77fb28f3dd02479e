"""A model version's two ONNX graphs in ONNX Runtime sessions, driven with numpy arrays.

Input and output names follow the contracts in shared/DESIGN.md ("ONNX graphs"), told apart by the
decoder's inputs:
- contract 1: the decoder takes past_key/past_value (B, h, P, dk) and self_mask (B, P + 1) and returns
  the grown cache (present_key/present_value, B, h, P + 1, dk) and log_probs;
- contract 2: the decoder takes the caller's cache buffers cache_key/cache_value (B, h, T, dk) with
  cache_mask (B, T), and top_k; it returns log_probs, each row's top_k candidates, and only the
  step's new_key/new_value (B, h, 1, dk), which the caller writes into its buffers.
`step` has contract 1's meaning for both (the static decoders and the export checks use it);
`step_in_place` is contract 2's own (the running batch uses it).

Every session of the process shares one intra-op thread pool (`session_options`): a session made
elsewhere in a process that serves must take its options from `session_options` too (ONNX Runtime
refuses a session with its own pool once the shared one exists).
"""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort

log = logging.getLogger(__name__)

CUDA = "CUDAExecutionProvider"
CPU = "CPUExecutionProvider"


def cache_names(n_layers: int, prefix: str) -> list[str]:
    """[prefix_key_0, prefix_value_0, prefix_key_1, ...]: the order of every cache list."""
    return [f"{prefix}_{kind}_{i}" for i in range(n_layers) for kind in ("key", "value")]


_pool_threads: int | None = None  # size of the process-wide intra-op pool, once made


def session_options(intra_op_threads: int = 0, spin: bool = True) -> ort.SessionOptions:
    """Every session of the process runs on one shared intra-op pool (made on first use with
    `intra_op_threads` threads; 0: every core). With a pool per session, each pool's idle threads spin,
    and an engine's encoder and decoder pools fight each other and the Python thread for the cores:
    a greedy step at batch 1 took 1.6 ms with per-session spinning pools, 0.9 ms with per-session
    sleeping ones and 0.6 ms on one shared spinning pool, on 2 cores (docs/benchmarks.md)."""
    global _pool_threads
    threads = intra_op_threads or os.cpu_count() or 1
    if _pool_threads is None:
        ort.set_global_thread_pool_sizes(threads, 1)
        _pool_threads = threads
    elif threads != _pool_threads:
        log.warning("this process's ONNX Runtime threads are %d; a session asked for %d", _pool_threads, threads)
    options = ort.SessionOptions()
    options.use_per_session_threads = False
    if not spin:
        # Idle threads stop spinning when a run ends: a server that shares its cores with its gRPC
        # threads (or a neighbour) does better with them asleep.
        options.add_session_config_entry("session.force_spinning_stop", "1")
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL  # one step at a time: no inter-op parallelism
    options.log_severity_level = 3  # warnings about unused initializers etc. are not the user's concern
    return options


def nvidia_driver_present() -> bool:
    return Path("/proc/driver/nvidia/version").exists() or Path("/dev/nvidiactl").exists()


def choose_providers(device: str) -> list[str]:
    """CUDA first when asked for, or on auto when an NVIDIA driver is there (onnxruntime-gpu lists its
    CUDA provider on every machine, and complains loudly when it then cannot load it); CPU always
    as the fallback."""
    wanted = device == "cuda" or (device == "auto" and nvidia_driver_present())
    if wanted and CUDA in ort.get_available_providers():
        return [CUDA, CPU]
    if device == "cuda":
        raise RuntimeError(f"device 'cuda' asked for, but this onnxruntime offers only {ort.get_available_providers()}")
    return [CPU]


@dataclass
class OnnxModel:
    encoder: ort.InferenceSession
    decoder: ort.InferenceSession
    n_layers: int
    n_heads: int
    head_dim: int
    contract: int = 1

    @classmethod
    def load(cls, folder: Path, model_config: dict, device: str = "cpu", intra_op_threads: int = 0,
             spin: bool = True) -> OnnxModel:
        providers = choose_providers(device)
        options = session_options(intra_op_threads, spin)
        encoder = ort.InferenceSession(str(folder / "encoder.onnx"), options, providers=providers)
        decoder = ort.InferenceSession(str(folder / "decoder.onnx"), options, providers=providers)
        if device == "cuda" and decoder.get_providers()[0] != CUDA:
            # onnxruntime-gpu lists CUDA even where the driver or libraries are missing, then falls back.
            raise RuntimeError(f"device 'cuda' asked for, but ONNX Runtime could not start it "
                               f"(running on {decoder.get_providers()})")
        inputs = {i.name for i in decoder.get_inputs()}
        contract = 2 if "cache_mask" in inputs else 1 if "self_mask" in inputs else 0
        if not contract:
            raise RuntimeError(f"{folder / 'decoder.onnx'}: inputs {sorted(inputs)} follow no known contract")
        return cls(encoder, decoder, model_config["n_decoder_layers"], model_config["n_heads"],
                   model_config["d_model"] // model_config["n_heads"], contract)

    @property
    def provider(self) -> str:
        return self.decoder.get_providers()[0]

    def encode(self, src: np.ndarray, src_mask: np.ndarray) -> list[np.ndarray]:
        """src, src_mask: int64 (B, S) → the cross-attention keys and values of every decoder layer."""
        return self.encoder.run(None, {"src_tokens": src, "src_mask": src_mask})

    def step(self, tokens: np.ndarray, positions: np.ndarray, src_mask: np.ndarray, self_mask: np.ndarray,
             past: list[np.ndarray], cross: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
        """One decoding step → log-probs (B, V) and the grown self-attention cache (contract 1's meaning)."""
        if self.contract == 2:
            cache, cache_mask = past, self_mask[:, :-1]
            if past[0].shape[2] == 0:  # an empty cache: one masked column keeps every shape non-empty
                cache, cache_mask = self.empty_cache(len(tokens), 1), np.zeros((len(tokens), 1), np.int64)
            log_probs, _, _, new = self.step_in_place(tokens, positions, src_mask, cache_mask, 1, cache, cross,
                                                      want_log_probs=True)
            return log_probs, [np.concatenate([p, n], axis=2) for p, n in zip(past, new)]
        feed = {"tokens": tokens, "positions": positions, "src_mask": src_mask, "self_mask": self_mask}
        feed.update(zip(self._names["past"], past))
        feed.update(zip(self._names["cross"], cross))
        log_probs, *present = self.decoder.run(None, feed)
        return log_probs, present

    def step_in_place(self, tokens: np.ndarray, positions: np.ndarray, src_mask: np.ndarray, cache_mask: np.ndarray,
                      top_k: int, cache: list[np.ndarray], cross: list[np.ndarray], want_log_probs: bool = False
                      ) -> tuple[np.ndarray | None, np.ndarray, np.ndarray, list[np.ndarray]]:
        """Contract 2: one step over the caller's cache (B, h, T, dk) → (log_probs (B, V) when asked
        for, else None; top_log_probs (B, K); top_ids (B, K); the step's keys/values (B, h, 1, dk))."""
        feed = {"tokens": tokens, "positions": positions, "src_mask": src_mask, "cache_mask": cache_mask,
                "top_k": np.array([top_k], np.int64)}
        feed.update(zip(self._names["cache"], cache))
        feed.update(zip(self._names["cross"], cross))
        names = self._names["outputs_with_log_probs" if want_log_probs else "outputs"]
        out = self.decoder.run(names, feed)
        if want_log_probs:
            return out[0], out[1], out[2], out[3:]
        return None, out[0], out[1], out[2:]

    @functools.cached_property
    def _names(self) -> dict[str, list[str]]:
        outputs = ["top_log_probs", "top_ids", *cache_names(self.n_layers, "new")]
        return {"past": cache_names(self.n_layers, "past"), "cache": cache_names(self.n_layers, "cache"),
                "cross": cache_names(self.n_layers, "cross"),
                "outputs": outputs, "outputs_with_log_probs": ["log_probs", *outputs]}

    def empty_cache(self, batch: int, length: int = 0) -> list[np.ndarray]:
        return [np.zeros((batch, self.n_heads, length, self.head_dim), np.float32) for _ in range(2 * self.n_layers)]
