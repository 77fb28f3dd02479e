"""The engine role: ONNX Runtime sessions, the model registry and its hot reload, running batches and the
schedulers that fill them. In a server it runs in a process of its own (process.py) and speaks token ids
with the fronts (service/messages.py)."""
