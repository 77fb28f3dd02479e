"""Prometheus metrics of the service, named as in shared/DESIGN.md ("Metrics").

One `ServiceMetrics` per process, registered on a registry passed in (the process default in
production, a fresh `CollectorRegistry` in tests). Durations in seconds, labels bounded: model,
version, code, decoding ("greedy" or "beam").

A server is several processes (service/supervisor.py): each writes its series to files in
PROMETHEUS_MULTIPROC_DIR (prometheus-client's multiprocess mode) and the supervisor's /metrics adds
them up. Fronts count calls and tokens, the engine its queue, steps and rows; counters of a process that
died stay counted, and gauges say how they combine across processes (`multiprocess_mode`: the live
processes' sum, or the engine's value).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
SENTENCE_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
ROW_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
STEP_BUCKETS = (0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.0)
TOKEN_BUCKETS = (1, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192)


class ServiceMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.requests = Counter("translate_requests_total", "Requests finished, by gRPC status code",
                                ["method", "code"], registry=registry)
        self.request_duration = Histogram("translate_request_duration_seconds", "Time from arrival to answer",
                                          ["method"], buckets=LATENCY_BUCKETS, registry=registry)
        self.queue_duration = Histogram("translate_queue_duration_seconds", "Time a request waited to be batched",
                                        ["model", "version"], buckets=LATENCY_BUCKETS, registry=registry)
        self.inference_duration = Histogram("translate_inference_duration_seconds", "Time one batch spent decoding",
                                            ["model", "version", "decoding"], buckets=LATENCY_BUCKETS,
                                            registry=registry)
        self.batch_sentences = Histogram("translate_batch_size_sentences", "Sentences per decoded batch",
                                         ["model", "version", "decoding"], buckets=SENTENCE_BUCKETS, registry=registry)
        self.batch_tokens = Histogram("translate_batch_size_tokens", "Source tokens per decoded batch",
                                      ["model", "version", "decoding"], buckets=TOKEN_BUCKETS, registry=registry)
        self.input_tokens = Histogram("translate_input_tokens", "Source tokens per text", ["model"],
                                      buckets=TOKEN_BUCKETS, registry=registry)
        self.output_tokens = Histogram("translate_output_tokens", "Generated tokens per text (best hypothesis)",
                                       ["model"], buckets=TOKEN_BUCKETS, registry=registry)
        self.generated_tokens = Counter("translate_generated_tokens_total", "Tokens generated (best hypotheses)",
                                        ["model", "version"], registry=registry)
        self.queue_depth = Gauge("translate_queue_depth", "Texts waiting to be batched", registry=registry,
                                 multiprocess_mode="livesum")
        # The iteration-level scheduler: one observation per decoder step.
        self.step_rows = Histogram("translate_step_rows", "Live rows (sentences x beams) in one decoder step",
                                   ["model", "version"], buckets=ROW_BUCKETS, registry=registry)
        self.step_duration = Histogram("translate_step_duration_seconds", "Time of one decoder step of the running "
                                       "batch (joiners' encoder pass included)", ["model", "version"],
                                       buckets=STEP_BUCKETS, registry=registry)
        self.rows_joined = Counter("translate_rows_joined_total", "Rows that joined the running batch",
                                   ["model", "version"], registry=registry)
        self.rows_left = Counter("translate_rows_left_total", "Rows that left the running batch, by reason "
                                 "(finished, cancelled, expired, failed)", ["model", "version", "reason"],
                                 registry=registry)
        self.join_wait = Histogram("translate_join_wait_seconds", "Time a request waited before its first text "
                                   "joined the running batch, by priority class", ["priority"],
                                   buckets=LATENCY_BUCKETS, registry=registry)
        self.service_row_steps = Counter("translate_service_row_steps_total", "Decoding service received in row-steps "
                                         "(rows x steps), by priority class and by client (x-client-id; empty when "
                                         "unnamed, the first 64 names per engine, then \"other\")",
                                         ["priority", "client"], registry=registry)
        self.live_rows = Gauge("translate_live_rows", "Rows in the running batches now", registry=registry,
                               multiprocess_mode="livesum")
        self.cache_bytes = Gauge("translate_cache_bytes", "Bytes held by the running batches' attention caches",
                                 registry=registry, multiprocess_mode="livesum")
        self.time_to_first_token = Histogram("translate_time_to_first_token_seconds", "Time from arrival to a "
                                             "text's first generated token", ["model"], buckets=LATENCY_BUCKETS,
                                             registry=registry)
        # Overload control (service/admission.py).
        self.requests_shed = Counter("translate_requests_shed_total", "Requests refused at the door because the "
                                     "queue could not serve them in time, by reason", ["reason"], registry=registry)
        self.queue_wait = Gauge("translate_queue_wait_seconds", "Predicted wait of a new one-text request before it "
                                "joins the running batch", registry=registry,
                                multiprocess_mode="livemax")
        # A gauge at 1 rather than an Info: Info has no multiprocess mode.
        self.model_info = Gauge("translate_model_info", "A loaded model version (1), its variant and languages",
                                ["model", "version", "variant", "source_language", "target_language"],
                                registry=registry, multiprocess_mode="livemax")
