"""The front-end role: gRPC servicers, health and reflection, validation, segmentation, placeholders,
tokenization, detokenization and streaming, and refusal at the door from the load the engine publishes.
A server runs several front processes on one port (SO_REUSEPORT); none loads ONNX Runtime."""
