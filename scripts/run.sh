#!/usr/bin/env bash
# The main job: set up, analyse the bundled sample reports, and serve the API with gunicorn.
#   bash scripts/run.sh            (HOST, PORT and WORKERS change where and how it serves)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
shopt -s nullglob
reports=(corpus/samples/*.txt corpus/samples/*.md corpus/unseen/*.txt)
echo "analysing ${#reports[@]} sample reports into out/reports.jsonl"
.venv/bin/python -m service analyze --compact "${reports[@]}" > out/reports.jsonl || true
echo "$(wc -l < out/reports.jsonl) reports written; serving http://${HOST:-127.0.0.1}:${PORT:-8000}/api/v1/health"
exec .venv/bin/gunicorn --workers "${WORKERS:-2}" --bind "${HOST:-127.0.0.1}:${PORT:-8000}" "service.wsgi:app"
