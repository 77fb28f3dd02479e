"""The serving side: ONNX Runtime engine and decoding over numpy. Never imports torch or export/."""
