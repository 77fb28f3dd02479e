"""A real server in the test process: a free port, its event loop on a thread, metrics in a private registry."""

import asyncio
import threading
from pathlib import Path

from prometheus_client import CollectorRegistry

from service.config import EngineConfig
from service.scheduler import SchedulerConfig
from service.server import ServerConfig, create_server

STORE = Path(__file__).resolve().parent.parent / "model_store"


class RunningServer:
    """A server on 127.0.0.1:<free port>, its event loop in a thread, metrics in a private registry."""

    def __init__(self, store=STORE, watch_interval=0.0, **scheduler) -> None:
        self.registry = CollectorRegistry()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        config = ServerConfig(host="127.0.0.1", port=0, metrics_port=-1, store=store, watch_interval=watch_interval,
                              engine=EngineConfig(intra_op_threads=2, spin=False), scheduler=SchedulerConfig(**scheduler))
        self.server = self.run(self._create(config))
        self.address = f"127.0.0.1:{self.server.port}"

    async def _create(self, config):
        server = create_server(config, self.registry)
        await server.start()
        return server

    def run(self, coroutine, timeout=60):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def metric(self, name, **labels):
        return self.registry.get_sample_value(name, labels) or 0.0

    def close(self):
        self.run(self.server.stop(1.0))
        self.loop.call_soon_threadsafe(self.loop.stop)
