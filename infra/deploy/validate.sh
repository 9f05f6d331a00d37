#!/usr/bin/env bash
# Checks every deployment example with a tool that parses it, where one is available here:
#   systemd units  systemd-analyze verify (instantiated as tally-batch@daily-metrics.*)
#   Kubernetes     a YAML parser (PyYAML) plus the CronJob fields schedulers rely on (kubectl is
#                  installed but even its client-side dry run needs an API server, which is not here)
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

python3 - kubernetes/daily-metrics-cronjob.yaml <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
assert doc["apiVersion"] == "batch/v1" and doc["kind"] == "CronJob", "not a batch/v1 CronJob"
spec = doc["spec"]
assert len(spec["schedule"].split()) == 5, "schedule must have 5 fields"
assert spec["concurrencyPolicy"] == "Forbid"
pod = spec["jobTemplate"]["spec"]["template"]["spec"]
assert pod["restartPolicy"] == "Never", "podFailurePolicy needs restartPolicy Never"
rules = spec["jobTemplate"]["spec"]["podFailurePolicy"]["rules"]
assert any(r.get("onExitCodes", {}).get("values") == [2, 3] for r in rules)
assert pod["containers"][0]["command"] == ["infra/tally", "batch"]
print("kubernetes: ok (YAML parsed, CronJob fields checked)")
PY

python3 -m py_compile airflow/tally_nightly.py
echo "airflow: ok (py_compile)"

jobs='daily-metrics|revenue-analytics|cohort-analytics|partner-revenue|retention|reconcile'
while read -r line; do
  [[ -z "$line" || "$line" == \#* || "$line" == *=* ]] && continue
  read -r -a f <<<"$line"
  (( ${#f[@]} >= 7 )) || { echo "crontab: too few fields: $line" >&2; exit 1; }
  [[ "$line" =~ infra/tally\ batch\ ($jobs)\  ]] || { echo "crontab: unknown job: $line" >&2; exit 1; }
done < cron/tally-batch.crontab
echo "crontab: ok (fields and job names)"
