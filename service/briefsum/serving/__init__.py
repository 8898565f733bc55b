"""Production serving machinery that knows nothing of protobuf: worker processes, metrics, logs.

``pool`` (parent side) and ``worker`` (child side) run the CPU-bound pipeline in separate processes
and stop a hung one; ``metrics`` keeps the Prometheus registry; ``logs`` sets up text or JSON logs
carrying the request id.
"""
