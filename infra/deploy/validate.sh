#!/usr/bin/env bash
# Checks every deployment example with a tool that parses it, where one is available here:
#   systemd units  systemd-analyze verify (instantiated as tally-batch@daily-metrics.*)
#   Kubernetes     a YAML parser (PyYAML) plus the fields each kind requires (Deployment, Service,
#                  CronJob, the operator's FlinkDeployment) and those Tally relies on: kubectl is
#                  installed but even its client-side dry run needs an API server, and no schema
#                  bundle (kubeconform's, the operator's CRD) can be downloaded here
#   Airflow DAG    python3 -m py_compile (Airflow itself is not installable here)
#   crontab        no cron parser is available: field count and job names are checked here
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

cp systemd/tally-batch@.service "$tmp/tally-batch@.service"
cp systemd/tally-batch@.timer "$tmp/tally-batch@.timer"
# verify needs the ExecStart binary; point it at a stand-in with the same name under $tmp
mkdir -p "$tmp/opt/tally/infra"; printf '#!/bin/sh\n' > "$tmp/opt/tally/infra/tally"; chmod +x "$tmp/opt/tally/infra/tally"
sed -i "s#/opt/tally/infra/tally#$tmp/opt/tally/infra/tally#; s#^User=.*#User=root#; s#^Group=.*#Group=root#" "$tmp/tally-batch@.service"
out=$(cd "$tmp" && systemd-analyze verify --man=no "$tmp/tally-batch@daily-metrics.service" "$tmp/tally-batch@daily-metrics.timer" 2>&1)
[[ -z "$out" ]] || { echo "systemd: $out" >&2; exit 1; }
echo "systemd: ok (systemd-analyze verify)"

python3 - kubernetes/*.yaml <<'PY'
# No API server and no schema bundle can be had here (kubeconform's schemas and the operator's CRD are
# downloads from GitHub), so each document is parsed and held to the fields its kind requires and the
# ones Tally relies on.
import sys, yaml

def need(doc, path, where):
    node = doc
    for key in path.split("."):
        assert isinstance(node, dict) and key in node, f"{where}: missing {path}"
        node = node[key]
    return node

def container(pod, where):
    containers = need(pod, "containers", where)
    assert containers and all("name" in c and "image" in c for c in containers), f"{where}: containers need name and image"
    return containers[0]

def deployment(d, where):
    selector = need(d, "spec.selector.matchLabels", where)
    labels = need(d, "spec.template.metadata.labels", where)
    assert selector.items() <= labels.items(), f"{where}: the selector must match the pod's labels"
    c = container(need(d, "spec.template.spec", where), where)
    assert need(c, "readinessProbe.httpGet.path", where) == "/healthz", f"{where}: readiness on /healthz"
    need(c, "resources.requests.cpu", where); need(c, "resources.requests.memory", where)

def service(d, where):
    need(d, "spec.selector", where)
    assert all("port" in p for p in need(d, "spec.ports", where)), f"{where}: each port needs port"

def cronjob(d, where):
    spec = need(d, "spec", where)
    assert len(need(spec, "schedule", where).split()) == 5, f"{where}: schedule must have 5 fields"
    assert spec.get("concurrencyPolicy") == "Forbid", f"{where}: concurrencyPolicy must be Forbid"
    pod = need(spec, "jobTemplate.spec.template.spec", where)
    assert pod.get("restartPolicy") == "Never", f"{where}: podFailurePolicy needs restartPolicy Never"
    rules = need(spec, "jobTemplate.spec.podFailurePolicy.rules", where)
    assert any(r.get("onExitCodes", {}).get("values") == [2, 3] for r in rules), f"{where}: exit codes 2 and 3 fail the Job"
    c = container(pod, where)
    need(c, "resources.requests.memory", where)
    return need(c, "args", where)[0]

def flinkdeployment(d, where):
    assert d["apiVersion"] == "flink.apache.org/v1beta1", f"{where}: apiVersion"
    need(d, "spec.image", where)
    assert need(d, "spec.flinkVersion", where).startswith("v2_"), f"{where}: flinkVersion v2_x"
    need(d, "spec.jobManager.resource.memory", where); need(d, "spec.taskManager.resource.memory", where)
    assert need(d, "spec.job.jarURI", where).startswith("local:///"), f"{where}: jarURI"
    assert need(d, "spec.job.upgradeMode", where) in ("stateless", "savepoint", "last-state"), f"{where}: upgradeMode"
    conf = need(d, "spec.flinkConfiguration", where)
    assert "PrometheusReporterFactory" in conf.get("metrics.reporter.prom.factory.class", ""), f"{where}: Prometheus reporter"

kinds = {"Deployment": deployment, "Service": service, "CronJob": cronjob, "FlinkDeployment": flinkdeployment}
seen, jobs = [], set()
for path in sys.argv[1:]:
    for i, doc in enumerate(yaml.safe_load_all(open(path))):
        where = f"{path} document {i + 1}"
        kind = need(doc, "kind", where)
        need(doc, "apiVersion", where); need(doc, "metadata.name", where)
        assert kind in kinds, f"{where}: unexpected kind {kind}"
        result = kinds[kind](doc, where)
        if kind == "CronJob":
            jobs.add(result)
        seen.append(kind)
every = {"daily-metrics", "revenue-analytics", "cohort-analytics", "partner-revenue", "retention", "reconcile"}
assert jobs == every, f"kubernetes: CronJobs for {sorted(every - jobs)} missing"
assert {"Deployment", "Service", "FlinkDeployment"} <= set(seen), "kubernetes: the collector and the stream job"
print(f"kubernetes: ok ({len(seen)} documents parsed: {', '.join(sorted(set(seen)))}; required fields checked)")
PY

python3 -m py_compile airflow/tally_nightly.py
for job in daily-metrics revenue-analytics cohort-analytics partner-revenue retention reconcile; do
  grep -q "job(\"$job\"" airflow/tally_nightly.py || { echo "airflow: no task for $job" >&2; exit 1; }
done
echo "airflow: ok (py_compile, a task for every job)"

jobs='daily-metrics|revenue-analytics|cohort-analytics|partner-revenue|retention|reconcile'
while read -r line; do
  [[ -z "$line" || "$line" == \#* || "$line" == *=* ]] && continue
  read -r -a f <<<"$line"
  (( ${#f[@]} >= 7 )) || { echo "crontab: too few fields: $line" >&2; exit 1; }
  [[ "$line" =~ infra/tally\ batch\ ($jobs)\  ]] || { echo "crontab: unknown job: $line" >&2; exit 1; }
done < cron/tally-batch.crontab
echo "crontab: ok (fields and job names)"
