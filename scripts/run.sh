#!/usr/bin/env bash
# The main job: set up, score the bundled sample reports into the embedded database with the batch command, and
# serve the API (which reads that database) with gunicorn.
#   bash scripts/run.sh      (OUT, REPORTS_DB_URL, HOST, PORT and WORKERS change where it writes and serves;
#                             REVIEW_TOKENS=name:token,… names the reviewers who may correct on the review pages)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out="${OUT:-out}"
case "$out" in /*) out_dir="$out" ;; *) out_dir="$PWD/$out" ;; esac
export REPORTS_DB_URL="${REPORTS_DB_URL:-sqlite:///$out_dir/reports.db}"
# The samples and the composed test reports, in every format they come in. A document that fails is listed in
# $out/failures.csv and does not stop the others, nor this script.
.venv/bin/python -m service batch corpus/samples corpus/unseen/u*.txt corpus/unseen/u*.md corpus/unseen/u*.html \
  corpus/unseen/u*.docx --out "$out" \
  || echo "some documents could not be scored: see $out/failures.csv"
if [ -z "${REVIEW_TOKENS:-}" ]; then
  # No reviewer configured: make one for this run, printed here only (never written to a file).
  REVIEW_TOKENS="reviewer:$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(18))')"
  echo "review pages: sign in as 'reviewer' with the token ${REVIEW_TOKENS#reviewer:} (set REVIEW_TOKENS to choose your own)"
fi
export REVIEW_TOKENS
base="http://${HOST:-127.0.0.1}:${PORT:-8000}"
echo "serving $base/review/ (review pages), $base/api/v1/reports (stored reports) and /api/v1/analyze"
exec .venv/bin/gunicorn --workers "${WORKERS:-2}" --bind "${HOST:-127.0.0.1}:${PORT:-8000}" "service.wsgi:app"
