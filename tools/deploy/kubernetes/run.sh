#!/usr/bin/env bash
# The nightly sharded audit on Kubernetes: the shards job, then (once every index completed) the
# merge job. Needs kubectl with access to the namespace holding the two volume claims.
#   bash tools/deploy/kubernetes/run.sh [TIMEOUT (default 8h)]
set -euo pipefail
here="$(dirname "$0")"
timeout="${1:-8h}"
kubectl delete job xunkao-shards xunkao-merge --ignore-not-found
kubectl apply -f "$here/shards-job.yaml"
kubectl wait --for=condition=complete job/xunkao-shards --timeout="$timeout"
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete job/xunkao-merge --timeout="$timeout"
