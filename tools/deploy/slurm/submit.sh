#!/usr/bin/env bash
# Submits the shard array and the merge job that waits for all of it (afterok: a failed shard
# holds the merge back; resubmit that task alone with `sbatch --array=K shards.sbatch`, then
# `sbatch merge.sbatch`).
#   XUNKAO_ARCHIVE=/data/archive XUNKAO_STORES=/shared/xunkao bash tools/deploy/slurm/submit.sh
set -euo pipefail
here="$(dirname "$0")"
shards_job=$(sbatch --parsable --export=ALL "$here/shards.sbatch")
sbatch --parsable --export=ALL --dependency=afterok:"$shards_job" "$here/merge.sbatch"
