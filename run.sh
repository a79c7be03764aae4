#!/usr/bin/env bash
# Runs the app locally with demo data:
#   - installs PostgreSQL/PostGIS if missing (scripts/prerequisites.sh) and restores the local
#     .NET tools (.config/dotnet-tools.json);
#   - starts the smtp4dev mail sink on loopback (SMTP 2525, web UI 5081) and hands its address to
#     the app as Email__Host/Email__Port; the sink is stopped when the app exits;
#   - runs the app (which starts and stops its own PostgreSQL cluster) on http://127.0.0.1:5080.
# The app replaces this shell (exec), so Ctrl-C, `kill -TERM PID` or `kill -TERM -- -PGID` stop it
# cleanly. Extra arguments are passed to the app.
# Environment (defaults): ASPNETCORE_URLS (http://127.0.0.1:5080), ASPNETCORE_ENVIRONMENT
# (Development), MAIL_SINK_SMTP_PORT (2525), MAIL_SINK_WEB_PORT (5081); set Email__Host (and
# Email__Port) to use another SMTP server instead of the sink.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
./scripts/prerequisites.sh
dotnet tool restore >/dev/null

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ -n "${Email__Host:-}" ]]; then
  echo "Mail: using the SMTP server ${Email__Host}:${Email__Port:-25} (no local mail sink)"
else
  smtp_port="${MAIL_SINK_SMTP_PORT:-2525}"
  web_port="${MAIL_SINK_WEB_PORT:-5081}"
  export Email__Host=127.0.0.1 Email__Port="$smtp_port"
  if port_in_use "$smtp_port"; then
    echo "Mail: port $smtp_port is already taken, presumably by a mail sink left running; the app sends there." \
         "(Set MAIL_SINK_SMTP_PORT and MAIL_SINK_WEB_PORT to start a new sink on other ports.)"
  else
    mkdir -p .data
    app_pid=$$ # exec below keeps this PID for the app
    # The watcher waits for the app's process to end, however it ends, then stops the sink. In the
    # app's process group, a group-wide kill (Ctrl-C, kill -- -PGID) reaches the sink directly too.
    (
      dotnet smtp4dev --smtpport="$smtp_port" --urls="http://127.0.0.1:$web_port" --bindaddress=127.0.0.1 \
        --db="" --imapport="" --pop3port="" --baseappdatapath="$PWD/.data/smtp4dev" --nousersettings \
        </dev/null >.data/smtp4dev.log 2>&1 &
      sink=$!
      trap 'kill -TERM "$sink" 2>/dev/null' EXIT
      trap 'exit 143' TERM
      tail --pid="$app_pid" -f /dev/null 2>/dev/null || while kill -0 "$app_pid" 2>/dev/null; do sleep 1; done
    ) </dev/null >/dev/null 2>&1 &
    echo "Mail sink (smtp4dev): http://127.0.0.1:$web_port (SMTP on 127.0.0.1:$smtp_port, log .data/smtp4dev.log)"
  fi
fi

echo "App: ${ASPNETCORE_URLS} (${ASPNETCORE_ENVIRONMENT})"
exec dotnet run --project src/ReviewWorkflow.Web -c Release -- --seed-demo "$@"
