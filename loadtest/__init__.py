"""Load tests: locust users that drive a running translation service over gRPC, and their reports.

    mt-loadtest --host 127.0.0.1:50051 --users 16 --run-time 30s     # headless; CSV, HTML, PNG, summary.md
    python -m locust -f loadtest/locustfile.py                       # locust's web UI

Modules: mix (what users send), grpc_client (calls reported to locust), locustfile (the users),
report (summary and plot from locust's CSVs), run (the mt-loadtest command), make_sentences (rebuilds
heldout.ko.txt). Only locustfile imports locust.
"""
