#!/usr/bin/env bash
# The referee stage of CI: an unmodified MISP 2.5.1 built by ../shared/real-misp, the whole suite run
# on it through the external target with the embedded lab's mail catcher and chat server, and every
# control's verdict compared with the embedded run's (reports/compliance.json, written by npm test).
# Needs root (build.sh installs Debian packages). Where ../shared/real-misp is absent, says so and
# exits 0. Exit 1 when the suite fails on real MISP or a verdict differs.
set -euo pipefail
cd "$(dirname "$0")/.."

real=../shared/real-misp
if [ ! -f "$real/build.sh" ]; then
  echo "ci: ../shared/real-misp is absent, so the real-MISP referee stage is skipped"
  exit 0
fi
embedded_report=${EMBEDDED_REPORT:-reports/compliance.json}
if [ ! -f "$embedded_report" ]; then
  echo "ci: $embedded_report is missing: run the embedded suite (npm test) first" >&2
  exit 2
fi

# One port base for the lab's own services: mail API +1, SMTP +2 (where this MISP sends), chat +3.
port_base=17020
smtp_port=$((port_base + 2))
misp_env=(REALMISP_ROOT=/var/tmp/real-misp-ci HTTP_PORT=18090 DB_PORT=3320 REDIS_PORT=6400
  SUPERVISOR_PORT=9020 MODULES_PORT=6680 MISP_SMTP_HOST=127.0.0.1 MISP_SMTP_PORT=$smtp_port)
started=$(date +%s)
env "${misp_env[@]}" bash "$real/build.sh"
echo "ci: real MISP built in $(($(date +%s) - started)) s"

work=$(mktemp -d)
lab_pid=
cleanup() {
  [ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null && wait "$lab_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
node bin/misp-lab.mjs up --json --port-base "$port_base" >"$work/up.out" 2>"$work/up.err" &
lab_pid=$!
for _ in $(seq 1 100); do
  [ -s "$work/up.out" ] && break
  kill -0 "$lab_pid" 2>/dev/null || { cat "$work/up.err" >&2; exit 2; }
  sleep 0.2
done

# The deployment's and the lab's addresses and secrets, from creds.json and the up --json line.
eval "$(node -e '
  const fs = require("fs");
  const creds = JSON.parse(fs.readFileSync("/var/tmp/real-misp-ci/creds.json", "utf8"));
  const lab = JSON.parse(fs.readFileSync(process.argv[1], "utf8").split("\n")[0]);
  const vars = {
    MISP_URL: creds.url, MISP_ADMIN_AUTHKEY: creds.authkey, MISP_ADMIN_PASSWORD: creds.adminPassword,
    MISP_ADMIN_EMAIL: creds.adminEmail, MISP_CONSOLE: creds.cli,
    MAIL_API_URL: lab.mail.url, MAIL_SMTP_HOST: "127.0.0.1", MAIL_SMTP_PORT: String(lab.mail.smtpPort),
    MATTERMOST_URL: lab.chat.url, MATTERMOST_TOKEN: lab.chat.token,
    MATTERMOST_CHANNEL_ID: lab.chat.channelId, MATTERMOST_WEBHOOK_URL: lab.chat.webhookUrl,
  };
  for (const [k, v] of Object.entries(vars)) console.log(`export ${k}=${JSON.stringify(String(v))}`);
' "$work/up.out")"

started=$(date +%s)
status=0
node bin/misp-lab.mjs check --target external --allow-mutations --profile ci --reports-dir reports-real-misp || status=$?
echo "ci: the suite ran on real MISP 2.5.1 in $(($(date +%s) - started)) s (exit $status)"
verdicts=0
node --import tsx scripts/compare-verdicts.ts "$embedded_report" reports-real-misp/compliance.json || verdicts=$?

# The read-only posture audit on the same MISP, after the mutating suite: a verdict (0 or 1,
# never 2 or 3) and, checked by the profile's own After hook per scenario, nothing written.
posture=0
node bin/misp-lab.mjs check --target external --profile posture --reports-dir reports-real-misp-posture || posture=$?
echo "ci: the posture audit on real MISP 2.5.1 exited $posture"
if [ "$posture" -ne 0 ] && [ "$posture" -ne 1 ]; then posture_ok=1; else posture_ok=0; fi
grep -q "the posture audit changed the target" reports-real-misp-posture/compliance.json && posture_ok=1
[ "$status" -eq 0 ] && [ "$verdicts" -eq 0 ] && [ "$posture_ok" -eq 0 ]
