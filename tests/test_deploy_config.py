"""The deployment files agree with the service and with each other, checked without a Docker engine.

docker-compose.yml, docker/Dockerfile*, deploy/ (nginx, Prometheus, Grafana, Kubernetes) name ports,
flags, files and metrics of the service; each test here reads them and compares with the source of
truth: `mt-serve`'s own argument parser, `ServiceMetrics` on a private registry, the repository's
files. Where nginx, promtool, `docker compose` or kubernetes-validate are installed, they check the
files too; where not, those tests skip and say so. Also here: the unit tests of service/healthcheck.py,
the probe the images' HEALTHCHECK runs.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import io
import json
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from concurrent import futures
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import pytest
import yaml
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from prometheus_client import CollectorRegistry

from service import healthcheck
from service.metrics import ServiceMetrics
from service.server import build_parser
from tests.loopback import render_template
from tests.bundled import VERSION

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
COMPOSE_FILES = ["docker-compose.yml", "docker-compose.gpu.yml"]
SERVICE = "translate"  # the compose service and the Kubernetes Deployment of mt-serve
MAX_MESSAGE_BYTES = 16 * 2 ** 20  # mt-serve's grpc.max_receive_message_length (service/server.py)


# --- reading the files ---------------------------------------------------------------------------

def load_yaml(path: Path):
    return yaml.safe_load(path.read_text())


def compose(name: str = "docker-compose.yml") -> dict:
    return load_yaml(ROOT / name)


def k8s_objects() -> dict[str, dict]:
    """Every object of the main kustomization and the adapter's, by kind."""
    objects = {}
    for kustomization in (K8S / "kustomization.yaml", K8S / "prometheus-adapter" / "kustomization.yaml"):
        for resource in load_yaml(kustomization)["resources"]:
            for obj in yaml.safe_load_all((kustomization.parent / resource).read_text()):
                objects[obj["kind"]] = obj
    return objects


def serve_args(argv: list, where: str) -> argparse.Namespace:
    """Parse mt-serve's arguments with its own parser; fail naming the file if it would refuse them."""
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            return build_parser().parse_args([str(a) for a in argv])
    except SystemExit:
        pytest.fail(f"{where}: mt-serve refuses {argv}: {stderr.getvalue().strip()}")


def healthcheck_args(argv: list, where: str) -> argparse.Namespace:
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            return healthcheck.build_parser().parse_args([str(a) for a in argv])
    except SystemExit:
        pytest.fail(f"{where}: service.healthcheck refuses {argv}: {stderr.getvalue().strip()}")


def duration_seconds(text: str) -> float:
    """Compose durations: '30s', '1m30s', '1h'."""
    parts = re.findall(r"(\d+(?:\.\d+)?)(h|ms|m|s|us)", str(text))
    assert parts and "".join(n + u for n, u in parts) == str(text), f"not a compose duration: {text!r}"
    scale = {"h": 3600, "m": 60, "s": 1, "ms": 1e-3, "us": 1e-6}
    return sum(float(n) * scale[u] for n, u in parts)


def port_of(address: str) -> int:
    return int(address.rsplit(":", 1)[1])


@dataclass
class Stage:
    name: str
    instructions: list[tuple[str, str]] = field(default_factory=list)  # (INSTRUCTION, arguments)

    def all(self, instruction: str) -> list[str]:
        return [args for ins, args in self.instructions if ins == instruction]

    def last(self, instruction: str) -> str | None:
        found = self.all(instruction)
        return found[-1] if found else None


def dockerfile_stages(path: Path) -> list[Stage]:
    """Instructions per stage, continuation lines joined, comments dropped."""
    lines, joined = [], ""
    for raw in path.read_text().splitlines():
        if raw.lstrip().startswith("#") and not joined:
            continue
        if raw.rstrip().endswith("\\"):
            joined += raw.rstrip()[:-1] + " "
            continue
        lines.append(joined + raw)
        joined = ""
    stages: list[Stage] = []
    for line in filter(str.strip, lines):
        instruction, _, args = line.strip().partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            m = re.search(r"\bAS\s+(\S+)", args, re.IGNORECASE)
            stages.append(Stage(m.group(1) if m else str(len(stages))))
        if stages:
            stages[-1].instructions.append((instruction, args.strip()))
    return stages


def exec_form(args: str) -> list[str]:
    """CMD/ENTRYPOINT arguments: the JSON (exec) form only, since the shell form would not get SIGTERM."""
    assert args.startswith("["), f"not the exec form (JSON array): {args!r}"
    return json.loads(args)


def healthcheck_cmd(args: str) -> list[str]:
    """HEALTHCHECK [--flags] CMD [...] -> the command."""
    _, _, command = args.partition("CMD ")
    return exec_form(command.strip())


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip().strip("/") for line in lines if line.strip() and not line.startswith("#")]


def ignored_by_docker(relative: str) -> bool:
    parts = Path(relative).parts
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(fnmatch.fnmatch(prefix, pattern) for pattern in dockerignore_patterns() for prefix in prefixes)


def mt_serve_configs() -> list[tuple[str, argparse.Namespace]]:
    """Every place that starts mt-serve, with the arguments it gives, parsed by mt-serve's parser."""
    configs = []
    for name in COMPOSE_FILES:
        configs.append((f"{name}: services.{SERVICE}.command", serve_args(
            compose(name)["services"][SERVICE]["command"], name)))
    for dockerfile in ("docker/Dockerfile", "docker/Dockerfile.gpu"):
        serve = dockerfile_stages(ROOT / dockerfile)[-1]
        assert exec_form(serve.last("ENTRYPOINT")) == ["mt-serve"], f"{dockerfile}: the last stage must run mt-serve"
        configs.append((f"{dockerfile}: CMD", serve_args(exec_form(serve.last("CMD")), dockerfile)))
    container = k8s_objects()["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    configs.append(("deploy/k8s/deployment.yaml: args", serve_args(container["args"], "deploy/k8s/deployment.yaml")))
    return configs


def exposed_metric_names() -> set[str]:
    """The sample names ServiceMetrics exposes (counters' _total, histograms' _bucket/_sum/_count, info's _info)."""
    registry = CollectorRegistry()
    ServiceMetrics(registry)
    suffixes = {"counter": ["_total", "_created"], "histogram": ["_bucket", "_sum", "_count", "_created"],
                "gauge": [""], "info": ["_info"], "summary": ["", "_sum", "_count", "_created"]}
    return {family.name + s for family in registry.collect() for s in suffixes[family.type]}


def dashboard() -> dict:
    return json.loads((DEPLOY / "grafana" / "dashboards" / "kotranslate.json").read_text())


def dashboard_queries() -> list[tuple[str, str]]:
    return [(panel["title"], target["expr"]) for panel in dashboard()["panels"] for target in panel.get("targets", [])]


def adapter_rules() -> list[dict]:
    return yaml.safe_load(k8s_objects()["ConfigMap"]["data"]["config.yaml"])["rules"]


def render_adapter_query(template: str) -> str:
    return (template.replace("<<.Series>>", "translate_queue_depth")
            .replace("<<.LabelMatchers>>", 'namespace="kotranslate",pod=~"translate-a|translate-b"')
            .replace("<<.GroupBy>>", "pod"))


def nginx_upstream_servers(text: str) -> dict[str, list[str]]:
    blocks = re.findall(r"upstream\s+(\w+)\s*\{(.*?)\}", text, re.DOTALL)
    return {name: re.findall(r"^\s*server\s+(\S+?)[\s;]", body, re.MULTILINE) for name, body in blocks}


def nginx_size_bytes(text: str) -> int:
    m = re.search(r"client_max_body_size\s+(\d+)([kKmMgG]?);", text)
    assert m, "client_max_body_size is not set: nginx refuses gRPC messages over 1 MiB"
    return int(m.group(1)) * {"": 1, "k": 2 ** 10, "m": 2 ** 20, "g": 2 ** 30}[m.group(2).lower()]


# --- compose: files, services, flags ----------------------------------------------------------------

@pytest.mark.parametrize("name", COMPOSE_FILES)
def test_every_file_a_compose_file_names_exists(name):
    for service_name, service in compose(name)["services"].items():
        where = f"{name}: services.{service_name}"
        build = service.get("build")
        if build:
            context = ROOT / build["context"]
            dockerfile = context / build.get("dockerfile", "Dockerfile")
            assert context.is_dir(), f"{where}.build.context {build['context']} is not a directory"
            assert dockerfile.is_file(), f"{where}.build.dockerfile {dockerfile} does not exist"
            if "target" in build:
                stages = [stage.name for stage in dockerfile_stages(dockerfile)]
                assert build["target"] in stages, f"{where}.build.target {build['target']!r} is not a stage of {dockerfile.name}: {stages}"
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith((".", "/")):
                assert (ROOT / source).exists(), f"{where}.volumes: {source} does not exist"
        for dependency in service.get("depends_on", []):
            assert dependency in compose()["services"], f"{where}.depends_on names no service: {dependency}"


@pytest.mark.parametrize("dockerfile", ["docker/Dockerfile", "docker/Dockerfile.gpu"])
def test_every_file_a_dockerfile_copies_is_in_the_build_context(dockerfile):
    for stage in dockerfile_stages(ROOT / dockerfile):
        for args in stage.all("COPY"):
            if "--from=" in args:
                continue
            *sources, _destination = shlex.split(args)
            for source in (s for s in sources if not s.startswith("--")):
                matches = list(ROOT.glob(source.rstrip("/")))
                assert matches, f"{dockerfile} (stage {stage.name}): COPY {source}: nothing in the repository matches"
                assert not ignored_by_docker(source), f"{dockerfile}: COPY {source}, but .dockerignore leaves it out"


def test_the_build_context_leaves_out_training_and_local_state():
    # export/ imports torch: a serving image must never hold it (shared/DESIGN.md).
    for path in ("export/model.py", ".venv/bin/python", "runs/ko-en/best.pt", ".git/HEAD", "tests/test_model.py"):
        assert ignored_by_docker(path), f".dockerignore lets {path} into the build context"
    for path in ("service/server.py", "proto/translate/v1/translate_pb2.py", f"model_store/ko-en/{VERSION}/encoder.onnx",
                 "pyproject.toml", "README.md", "loadtest/locustfile.py", "docker/requirements.py"):
        assert not ignored_by_docker(path), f".dockerignore leaves out {path}, which the images need"


def test_every_mt_serve_command_is_accepted_by_its_parser_and_binds_all_interfaces():
    configs = mt_serve_configs()
    assert len(configs) == 5
    for where, args in configs:
        # 127.0.0.1 inside a container or pod would be unreachable from the balancer and the probes.
        assert args.host == "0.0.0.0", f"{where}: --host {args.host}"
        assert args.port == 50051 and args.metrics_port == 9090, f"{where}: --port {args.port} --metrics-port {args.metrics_port}"


def test_the_cpus_given_a_replica_are_its_front_processes_plus_its_engine_threads():
    service = compose()["services"][SERVICE]
    args = serve_args(service["command"], "docker-compose.yml")
    assert float(service["deploy"]["resources"]["limits"]["cpus"]) == args.frontends + args.threads
    container = k8s_objects()["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    args = serve_args(container["args"], "deploy/k8s/deployment.yaml")
    for kind in ("requests", "limits"):
        assert float(container["resources"][kind]["cpu"]) == args.frontends + args.threads, kind


def test_the_store_every_command_serves_is_where_the_images_copy_the_models():
    for dockerfile in ("docker/Dockerfile", "docker/Dockerfile.gpu"):
        copies = [shlex.split(a) for a in dockerfile_stages(ROOT / dockerfile)[-1].all("COPY")]
        model_dirs = {Path(c[-1]) for c in copies if c[0].rstrip("/") == "model_store"}
        for where, args in mt_serve_configs():
            assert args.store in model_dirs, f"{where}: --store {args.store}, but {dockerfile} copies the models to {model_dirs}"


def test_the_gpu_override_runs_on_cuda_with_a_gpu_reserved():
    service = compose("docker-compose.gpu.yml")["services"][SERVICE]
    assert serve_args(service["command"], "docker-compose.gpu.yml").device == "cuda"
    devices = service["deploy"]["resources"]["reservations"]["devices"]
    assert any(d.get("driver") == "nvidia" and "gpu" in d.get("capabilities", []) for d in devices), devices
    gpu_cmd = serve_args(exec_form(dockerfile_stages(ROOT / "docker/Dockerfile.gpu")[-1].last("CMD")), "Dockerfile.gpu")
    assert gpu_cmd.device == "cuda"


def test_ports_agree_with_the_flags_everywhere():
    cpu = compose()
    args = serve_args(cpu["services"][SERVICE]["command"], "docker-compose.yml")
    service = cpu["services"][SERVICE]
    assert {int(p) for p in service["expose"]} == {args.port, args.metrics_port}
    assert "ports" not in service, "replicas must not publish host ports: --scale would collide, and lb is the way in"

    for dockerfile in ("docker/Dockerfile", "docker/Dockerfile.gpu"):
        serve = dockerfile_stages(ROOT / dockerfile)[-1]
        assert {int(p) for p in serve.last("EXPOSE").split()} == {args.port, args.metrics_port}, dockerfile

    # nginx forwards to the replicas' gRPC port, under the compose service's name.
    nginx = (DEPLOY / "nginx" / "nginx.conf").read_text()
    upstream = re.search(r"grpc_pass\s+grpc://(\w+);", nginx).group(1)
    servers = nginx_upstream_servers(nginx)[upstream]
    assert servers == [f"{SERVICE}:{args.port}"], f"nginx upstream {upstream}: {servers}"
    listen = int(re.search(r"^\s*listen\s+(\d+)", nginx, re.MULTILINE).group(1))
    published = [p.split(":") for p in cpu["services"]["lb"]["ports"]]
    assert [int(container) for _host, container in published] == [listen], f"lb publishes {published}, nginx listens on {listen}"

    # Prometheus finds every replica by the service name and scrapes the metrics port.
    job = next(j for j in load_yaml(DEPLOY / "prometheus" / "prometheus.yml")["scrape_configs"] if j["job_name"] == SERVICE)
    (sd,) = job["dns_sd_configs"]
    assert sd["names"] == [SERVICE] and sd["type"] == "A" and sd["port"] == args.metrics_port, sd

    # Kubernetes: container ports, probes, the scrape annotation, the Service.
    objects = k8s_objects()
    pod = objects["Deployment"]["spec"]["template"]
    container = pod["spec"]["containers"][0]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"grpc": args.port, "metrics": args.metrics_port}, ports
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["grpc"]["port"] == args.port, f"{probe} asks port {container[probe]['grpc']['port']}"
    assert int(pod["metadata"]["annotations"]["prometheus.io/port"]) == args.metrics_port
    for port in objects["Service"]["spec"]["ports"]:
        assert port["targetPort"] in ports, f"Service port {port['name']} targets {port['targetPort']}, not a container port"
        assert port["port"] == ports[port["targetPort"]]


def test_health_checks_ask_the_grpc_health_service_on_the_served_port():
    cpu = compose()
    args = serve_args(cpu["services"][SERVICE]["command"], "docker-compose.yml")
    test = cpu["services"][SERVICE]["healthcheck"]["test"]
    assert test[:4] == ["CMD", "python", "-m", "service.healthcheck"], test
    assert port_of(healthcheck_args(test[4:], "docker-compose.yml").address) == args.port
    for dockerfile in ("docker/Dockerfile", "docker/Dockerfile.gpu"):
        command = healthcheck_cmd(dockerfile_stages(ROOT / dockerfile)[-1].last("HEALTHCHECK"))
        assert command[:3] == ["python", "-m", "service.healthcheck"], f"{dockerfile}: HEALTHCHECK {command}"
        assert port_of(healthcheck_args(command[3:], dockerfile).address) == args.port


def test_the_stop_grace_outlasts_the_servers_drain():
    for name in COMPOSE_FILES:
        args = serve_args(compose(name)["services"][SERVICE]["command"], name)
        service = {**compose()["services"][SERVICE], **compose(name)["services"][SERVICE]}
        assert service.get("stop_signal", "SIGTERM") == "SIGTERM"
        grace = duration_seconds(service["stop_grace_period"])
        assert grace > args.grace, f"{name}: stop_grace_period {grace:g} s <= --grace {args.grace:g} s: Docker kills mid-drain"
    for dockerfile in ("docker/Dockerfile", "docker/Dockerfile.gpu"):
        assert dockerfile_stages(ROOT / dockerfile)[-1].last("STOPSIGNAL") == "SIGTERM", dockerfile

    spec = k8s_objects()["Deployment"]["spec"]["template"]["spec"]
    container = spec["containers"][0]
    args = serve_args(container["args"], "deployment.yaml")
    pre_stop = container["lifecycle"]["preStop"]["exec"]["command"]
    assert pre_stop[0] == "sleep", pre_stop
    leaving = float(pre_stop[1]) + args.grace  # SIGTERM comes after preStop; the drain then takes up to --grace
    assert spec["terminationGracePeriodSeconds"] > leaving, (
        f"terminationGracePeriodSeconds {spec['terminationGracePeriodSeconds']} <= preStop {pre_stop[1]} + --grace {args.grace:g}")
    live = container["livenessProbe"]
    assert live["periodSeconds"] * live["failureThreshold"] > leaving, "liveness would restart a pod mid-drain (NOT_SERVING)"


def test_k8s_objects_select_the_deployments_pods_and_run_as_the_images_user():
    objects = k8s_objects()
    deployment = objects["Deployment"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    selects = lambda selector: all(labels.get(k) == v for k, v in selector.items())
    assert selects(deployment["spec"]["selector"]["matchLabels"])
    assert selects(objects["Service"]["spec"]["selector"]), "the Service selects no pod of the Deployment"
    assert selects(objects["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"]), "the PDB guards no pod"
    assert objects["Service"]["spec"]["clusterIP"] == "None", "headless: gRPC clients must see every pod to balance calls"
    target = objects["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    namespaces = {obj["metadata"].get("namespace") for kind, obj in objects.items() if kind not in ("Namespace", "ConfigMap")}
    assert namespaces == {objects["Namespace"]["metadata"]["name"]}, namespaces

    user = re.search(r"useradd\b.*--uid\s+(\d+)", " ".join(dockerfile_stages(ROOT / "docker/Dockerfile")[-1].all("RUN")))
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsUser"] == int(user.group(1))
    assert dockerfile_stages(ROOT / "docker/Dockerfile")[-1].last("USER") == "app"


def test_the_autoscaler_metric_is_served_by_the_adapter_rule():
    objects = k8s_objects()
    (metric,) = objects["HorizontalPodAutoscaler"]["spec"]["metrics"]
    assert metric["type"] == "Pods"
    served = {rule["name"]["as"] for rule in adapter_rules()}
    assert metric["pods"]["metric"]["name"] in served, f"HPA asks {metric['pods']['metric']['name']}, the adapter serves {served}"


# --- metric names --------------------------------------------------------------------------------

def test_every_metric_the_dashboard_and_autoscaler_use_is_exposed_by_the_service():
    exposed = exposed_metric_names()
    assert "translate_queue_depth" in exposed and "translate_request_duration_seconds_bucket" in exposed  # the helper works
    used = [(f"dashboard panel {title!r}", name) for title, expr in dashboard_queries()
            for name in re.findall(r"\btranslate_\w+", expr)]
    for rule in adapter_rules():
        used += [("adapter seriesQuery", n) for n in re.findall(r"\btranslate_\w+", rule["seriesQuery"])]
        used += [("adapter name.as", rule["name"]["as"])]
    used += [("HPA", m["pods"]["metric"]["name"]) for m in k8s_objects()["HorizontalPodAutoscaler"]["spec"]["metrics"]]
    assert len(used) > 20
    unknown = sorted({f"{where}: {name}" for where, name in used if name not in exposed})
    assert not unknown, f"metrics the service does not expose: {unknown}"


def test_the_dashboard_uses_the_provisioned_data_source_and_covers_the_essentials():
    (source,) = load_yaml(DEPLOY / "grafana/provisioning/datasources/prometheus.yml")["datasources"]
    host, port = re.fullmatch(r"http://([\w-]+):(\d+)", source["url"]).groups()
    prometheus = compose()["services"][host]  # the URL names the compose service
    assert [p.split(":")[1] for p in prometheus["ports"]] == [port]
    panels = dashboard()["panels"]
    assert len({p["id"] for p in panels}) == len(panels), "panel ids repeat"
    for panel in panels:
        for target in [panel, *panel.get("targets", [])]:
            assert target["datasource"]["uid"] == source["uid"], f"panel {panel['title']!r} names another data source"
    queries = " ".join(expr for _title, expr in dashboard_queries())
    p99 = "histogram_quantile(0.99, sum by (le, method) (rate(translate_request_duration_seconds_bucket"
    for essential in ("translate_requests_total", 'code!="OK"', p99, "translate_queue_duration_seconds_bucket",
                      "translate_inference_duration_seconds_bucket", "translate_batch_size_sentences",
                      "translate_batch_size_tokens", "translate_step_rows", "translate_step_duration_seconds_bucket",
                      "translate_time_to_first_token_seconds_bucket", "translate_live_rows", "translate_queue_depth", "translate_generated_tokens_total",
                      'up{job="translate"}'):
        assert essential in queries, f"no dashboard panel queries {essential}"


def test_grafana_mounts_match_its_provisioning():
    grafana = compose()["services"]["grafana"]
    mounts = {target: ROOT / source for source, target, *_ in (v.split(":") for v in grafana["volumes"]) if source.startswith(".")}
    assert mounts["/etc/grafana/provisioning"] == DEPLOY / "grafana/provisioning"
    (provider,) = load_yaml(DEPLOY / "grafana/provisioning/dashboards/kotranslate.yml")["providers"]
    dashboards = mounts[provider["options"]["path"]]
    assert list(dashboards.glob("*.json")), f"the dashboards provider reads {provider['options']['path']}: no JSON there"
    home = Path(grafana["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"])
    assert (dashboards / home.relative_to(provider["options"]["path"])).is_file(), f"home dashboard {home} is not mounted"


# --- nginx -------------------------------------------------------------------------------------------

def test_nginx_passes_grpc_to_the_upstream_it_defines_and_accepts_the_servers_message_size():
    for path in (DEPLOY / "nginx/nginx.conf", DEPLOY / "nginx/loopback.conf.template"):
        text = path.read_text()
        upstream = re.search(r"grpc_pass\s+grpc://(\w+);", text)
        assert upstream and upstream.group(1) in nginx_upstream_servers(text), f"{path.name}: grpc_pass to no upstream"
        assert nginx_size_bytes(text) >= MAX_MESSAGE_BYTES, f"{path.name}: client_max_body_size below mt-serve's limit"
        assert re.search(r"^\s*keepalive\s+(\d+|\$\{\w+\});", text, re.MULTILINE), f"{path.name}: no keepalive to the replicas"
        # the shedding edge: calls in flight capped in a zone it defines, refusals answered as gRPC RESOURCE_EXHAUSTED
        zone = re.search(r"limit_conn_zone\s+\S+\s+zone=(\w+):", text)
        assert zone and re.search(rf"limit_conn\s+{zone.group(1)}\s+\S+;", text), f"{path.name}: no in-flight cap"
        assert re.search(r"limit_conn_status\s+429;", text) and re.search(r"error_page\s+429\s+=\s+@(\w+);", text)
        named = re.search(r"error_page\s+429\s+=\s+@(\w+);", text).group(1)
        block = text[text.index(f"location @{named}"):]
        assert "add_header grpc-status 8;" in block and "application/grpc" in block, f"{path.name}: @{named}"
    # The compose balancer must follow --scale: re-resolve the service name (see the file's header).
    compose_conf = (DEPLOY / "nginx/nginx.conf").read_text()
    assert re.search(r"server\s+translate:\d+\s+resolve;", compose_conf) and "resolver 127.0.0.11" in compose_conf
    assert re.search(r"^\s*zone\s+\w+", compose_conf, re.MULTILINE), "`resolve` needs the upstream in a shared zone"
    image = compose()["services"]["lb"]["image"]
    version = tuple(int(x) for x in re.search(r"nginx:(\d+)\.(\d+)", image).groups())
    assert version >= (1, 28) or version == (1, 27), f"lb image {image}: `resolve` needs nginx 1.27.3 or newer"


def test_the_loopback_templates_have_exactly_their_documented_placeholders():
    placeholders = lambda path: set(re.findall(r"\$\{(\w+)\}", path.read_text()))
    assert placeholders(DEPLOY / "nginx/loopback.conf.template") == {"PREFIX", "LISTEN_PORT", "BACKENDS", "MAX_IN_FLIGHT"}
    assert placeholders(DEPLOY / "prometheus/loopback.yml.template") == {"TARGETS"}
    # string.Template must fill them with nothing left over and no stray dollar sign to trip on.
    rendered = render_template(DEPLOY / "nginx/loopback.conf.template", PREFIX="/p", LISTEN_PORT=1,
                               BACKENDS="server 127.0.0.1:2;", MAX_IN_FLIGHT=256)
    assert "$" not in rendered and "listen 127.0.0.1:1 http2;" in rendered
    rendered = render_template(DEPLOY / "prometheus/loopback.yml.template", TARGETS='["127.0.0.1:3"]')
    assert yaml.safe_load(rendered)["scrape_configs"][0]["static_configs"][0]["targets"] == ["127.0.0.1:3"]


def nginx_version() -> tuple[int, ...] | None:
    if not shutil.which("nginx"):
        return None
    out = subprocess.run(["nginx", "-v"], check=False, capture_output=True, text=True).stderr
    return tuple(int(x) for x in re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", out).groups())


def nginx_test(conf: Path) -> None:
    run = subprocess.run(["nginx", "-t", "-p", str(conf.parent), "-c", str(conf), "-e", "stderr"],
                         check=False, capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, f"nginx -t {conf.name}:\n{run.stderr}"


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (Debian: apt-get install nginx-light)")
def test_nginx_accepts_the_loopback_config(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_template(DEPLOY / "nginx/loopback.conf.template", PREFIX=tmp_path, LISTEN_PORT=50999,
                                    BACKENDS="server 127.0.0.1:50998;\n        server 127.0.0.1:50997;",
                                    MAX_IN_FLIGHT=512))
    nginx_test(conf)


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (Debian: apt-get install nginx-light)")
def test_nginx_accepts_the_compose_config(tmp_path):
    text = (DEPLOY / "nginx/nginx.conf").read_text().replace("/tmp/nginx", str(tmp_path))
    if nginx_version() < (1, 27, 3):
        # The local nginx predates the two features the compose image (1.28) has: check all the rest.
        text = re.sub(r"(server\s+)translate(:\d+)\s+resolve;", r"\g<1>127.0.0.1\2;", text)
        text = re.sub(r"listen\s+(\d+);\s*http2 on;", r"listen \1 http2;", text)
        assert " resolve;" not in text and "http2 on;" not in text
    conf = tmp_path / "nginx.conf"
    conf.write_text(text)
    nginx_test(conf)


# --- promtool ----------------------------------------------------------------------------------------

needs_promtool = pytest.mark.skipif(not shutil.which("promtool"),
                                    reason="promtool is not installed (Debian: apt-get install prometheus)")


@needs_promtool
def test_promtool_accepts_the_prometheus_configs(tmp_path):
    loopback = tmp_path / "loopback.yml"
    loopback.write_text(render_template(DEPLOY / "prometheus/loopback.yml.template",
                                        TARGETS='["127.0.0.1:9191", "127.0.0.1:9192"]'))
    for path in (DEPLOY / "prometheus/prometheus.yml", loopback):
        run = subprocess.run(["promtool", "check", "config", str(path)], check=False, capture_output=True, text=True, timeout=30)
        assert run.returncode == 0, f"promtool check config {path.name}:\n{run.stdout}{run.stderr}"


@needs_promtool
def test_every_dashboard_and_adapter_query_is_valid_promql(tmp_path):
    # promtool checks PromQL only inside rule files: each query becomes a recording rule.
    queries = [expr.replace("$__rate_interval", "1m") for _title, expr in dashboard_queries()]
    queries += [render_adapter_query(rule["metricsQuery"]) for rule in adapter_rules()]
    rules = {"groups": [{"name": "check", "rules": [{"record": f"check:query{i}", "expr": q}
                                                      for i, q in enumerate(queries)]}]}
    path = tmp_path / "queries.yml"
    path.write_text(yaml.safe_dump(rules))
    run = subprocess.run(["promtool", "check", "rules", str(path)], check=False, capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, f"promtool check rules:\n{run.stdout}{run.stderr}"


# --- docker compose and Kubernetes schemas, where the tools are there ------------------------------

def docker_compose_works() -> bool:
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "compose", "version"], check=False, capture_output=True, timeout=30).returncode == 0


@pytest.mark.skipif(not docker_compose_works(), reason="`docker compose` (the v2 plugin) is not installed")
@pytest.mark.parametrize("files", [["docker-compose.yml"], ["docker-compose.yml", "docker-compose.gpu.yml"]])
def test_docker_compose_accepts_the_files(files):
    command = ["docker", "compose", "--profile", "loadtest"] + [a for f in files for a in ("-f", f)] + ["config", "-q"]
    run = subprocess.run(command, cwd=ROOT, check=False, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, f"{' '.join(command)}:\n{run.stderr}"


def test_k8s_manifests_match_the_kubernetes_schema():
    kubernetes_validate = pytest.importorskip("kubernetes_validate", reason="pip install kubernetes-validate")
    errors = []
    for kind, obj in k8s_objects().items():
        for version in ("1.27.0", "1.33.0"):  # grpc probes are GA from 1.27; unhealthyPodEvictionPolicy from 1.27
            try:
                kubernetes_validate.validate(obj, version, strict=True)
            except kubernetes_validate.ValidationError as exc:
                errors.append(f"{kind} against Kubernetes {version}: {exc.message}")
    assert not errors, "\n".join(errors)


# --- locust ----------------------------------------------------------------------------------------

def test_locust_runs_the_repositorys_locustfile_against_the_balancer():
    services = compose()["services"]
    loadtest = next(s for s in dockerfile_stages(ROOT / "docker/Dockerfile") if s.name == "loadtest")
    entrypoint = exec_form(loadtest.last("ENTRYPOINT"))
    assert entrypoint[:2] == ["locust", "-f"]
    copied = {shlex.split(a)[-1].rstrip("/"): shlex.split(a)[0].rstrip("/") for a in loadtest.all("COPY") if "--from" not in a}
    image_dir, file = entrypoint[2].rsplit("/", 1)
    locustfile = ROOT / copied[image_dir] / file  # the image path, mapped back to the repository
    assert locustfile.relative_to(ROOT).as_posix() == "loadtest/locustfile.py", entrypoint
    for name in ("locust-master", "locust-worker"):
        assert services[name]["profiles"] == ["loadtest"], f"{name} must stay out of a plain `docker compose up`"
        assert services[name]["build"]["target"] == "loadtest"
    master = services["locust-master"]["command"]
    lb_port = int(services["lb"]["ports"][0].split(":")[1])
    assert master[:1] == ["--master"] and master[master.index("--host") + 1] == f"lb:{lb_port}", master
    worker = services["locust-worker"]["command"]
    assert worker[worker.index("--master-host") + 1] == "locust-master", worker
    if not locustfile.is_file():
        pytest.skip(f"{locustfile.relative_to(ROOT)} is not written yet: the path compose runs is unchecked")


# --- the images' dependencies ----------------------------------------------------------------------

def test_the_image_requirements_come_from_pyproject_without_torch():
    sys.path.insert(0, str(ROOT / "docker"))
    try:
        import requirements as image_requirements
    finally:
        sys.path.remove(str(ROOT / "docker"))
    names = lambda reqs: {image_requirements._name(r) for r in reqs}
    cpu = image_requirements.requirements(["serving"], onnxruntime="cpu")
    assert "onnxruntime" in names(cpu) and "onnxruntime-gpu" not in names(cpu)
    assert {"grpcio", "grpcio-health-checking", "prometheus-client"} <= names(cpu)
    assert "onnxruntime-gpu" in names(image_requirements.requirements(["serving"]))
    assert "torch" not in names(cpu) | names(image_requirements.requirements(["loadtest"]))
    with pytest.raises(SystemExit, match="must not hold torch"):
        image_requirements.requirements(["train"])
    with pytest.raises(SystemExit, match="does not define"):
        image_requirements.requirements(["no-such-extra"])


# --- service/healthcheck.py --------------------------------------------------------------------------

@pytest.fixture()
def health_server():
    """A bare gRPC server with only the standard health service, on a free port."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield servicer, f"127.0.0.1:{port}"
    server.stop(None)


def test_healthcheck_exits_0_when_serving(health_server, capsys):
    servicer, address = health_server
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    assert healthcheck.main(["--address", address]) == 0
    assert "SERVING" in capsys.readouterr().out


def test_healthcheck_exits_1_when_not_serving(health_server, capsys):
    servicer, address = health_server
    servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)
    assert healthcheck.main(["--address", address]) == 1
    assert f"{address}: the server is NOT_SERVING" in capsys.readouterr().err


def test_healthcheck_asks_about_the_named_service(health_server, capsys):
    servicer, address = health_server
    servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)
    servicer.set("translate.v1.Translator", health_pb2.HealthCheckResponse.SERVING)
    assert healthcheck.main(["--address", address, "--service", "translate.v1.Translator"]) == 0
    assert healthcheck.main(["--address", address, "--service", "no.such.Service"]) == 1
    assert "does not know 'no.such.Service'" in capsys.readouterr().err


def test_healthcheck_exits_1_naming_the_address_when_nothing_listens(capsys):
    with socket.socket() as s:  # a port that was free a moment ago, and closed now
        s.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{s.getsockname()[1]}"
    assert healthcheck.main(["--address", address, "--timeout", "2"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{address}: unhealthy: UNAVAILABLE"), err


def test_healthcheck_gives_up_after_its_timeout_when_the_server_does_not_answer(capsys):
    with socket.socket() as s:  # accepts TCP connections (backlog) but never speaks HTTP/2
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        address = f"127.0.0.1:{s.getsockname()[1]}"
        started = time.monotonic()
        assert healthcheck.main(["--address", address, "--timeout", "0.5"]) == 1
        assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert err.strip() == f"{address}: unhealthy: no answer within 0.5 s", err


def test_healthcheck_runs_as_a_module_without_loading_the_engine():
    # The HEALTHCHECK runs every few seconds: it must stay off onnxruntime, numpy and the model code.
    code = ("import sys, service.healthcheck; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('onnxruntime', 'numpy', 'torch', 'sentencepiece', 'model_store', 'proto') "
            "or m in ('service.engine.engine', 'service.server')))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]", f"service.healthcheck imports {run.stdout.strip()}"
    run = subprocess.run([sys.executable, "-m", "service.healthcheck", "--help"], cwd=ROOT, check=False, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0 and "--address" in run.stdout and "--timeout" in run.stdout
