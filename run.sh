#!/usr/bin/env bash
# Runs the app locally with demo data:
#   - installs PostgreSQL/PostGIS if missing (scripts/prerequisites.sh) and restores the local
#     .NET tools (.config/dotnet-tools.json);
#   - starts the smtp4dev mail sink on loopback (SMTP 2525, web UI 5081) and hands its address to
#     the app as Email__Host/Email__Port; the sink is stopped when the app exits. A sink left by an
#     earlier run (its pid in .data/smtp4dev.pid) is stopped first; if something else holds the
#     port, the sink starts on the next free ports and the app is given those;
#   - runs the app (which starts and stops its own PostgreSQL cluster) on http://127.0.0.1:5080.
# The app replaces this shell (exec), so Ctrl-C, `kill -TERM PID` or `kill -TERM -- -PGID` stop it
# cleanly. Extra arguments are passed to the app.
# Environment (defaults): ASPNETCORE_URLS (http://127.0.0.1:5080), ASPNETCORE_ENVIRONMENT
# (Development), MAIL_SINK_SMTP_PORT (2525), MAIL_SINK_WEB_PORT (5081), MAIL_SINK_DIR (.data: the
# sink's pid file, log and data); set Email__Host (and Email__Port) to use another SMTP server
# instead of the sink.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
./scripts/prerequisites.sh
# On a machine that has never restored them, the SDK can fail once with "the command dotnet-ef ... is not
# contained in the package" (seen on a fresh machine, session 11); the second restore succeeds.
dotnet tool restore >/dev/null || dotnet tool restore >/dev/null

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ -n "${Email__Host:-}" ]]; then
  echo "Mail: using the SMTP server ${Email__Host}:${Email__Port:-25} (no local mail sink)"
else
  smtp_port="${MAIL_SINK_SMTP_PORT:-2525}"
  web_port="${MAIL_SINK_WEB_PORT:-5081}"
  sink_dir="${MAIL_SINK_DIR:-.data}"
  mkdir -p "$sink_dir"
  # A sink of an earlier run (killed with kill -9 and restarted at once) would stop moments later,
  # when its watcher sees that run's app gone: stop it now, so the sink started below is the one
  # that stays. Only a process whose command line names smtp4dev is stopped.
  if [[ -f "$sink_dir/smtp4dev.pid" ]]; then
    old_sink="$(cat "$sink_dir/smtp4dev.pid")"
    if [[ "$old_sink" =~ ^[0-9]+$ ]] && tr '\0' ' ' <"/proc/$old_sink/cmdline" 2>/dev/null | grep -q smtp4dev; then
      echo "Mail: stopping the sink left by an earlier run (pid $old_sink)"
      kill -TERM -- "-$old_sink" 2>/dev/null || true
      tail --pid="$old_sink" -f /dev/null 2>/dev/null || while kill -0 "$old_sink" 2>/dev/null; do sleep 1; done
    fi
    rm -f "$sink_dir/smtp4dev.pid"
  fi
  # Something else on the port: the sink takes the next free ports, and the app is told which.
  while port_in_use "$smtp_port" || port_in_use "$web_port"; do
    echo "Mail: port $smtp_port or $web_port is taken by another program; trying $((smtp_port + 1)) and $((web_port + 1))"
    smtp_port=$((smtp_port + 1)) web_port=$((web_port + 1))
  done
  export Email__Host=127.0.0.1 Email__Port="$smtp_port"
  {
    app_pid=$$ # exec below keeps this PID for the app
    # The watcher waits for the app's process to end, however it ends, then stops the sink. The sink
    # runs in a process group of its own (setsid): `dotnet smtp4dev` starts the server as a child and
    # does not pass a TERM on to it, so the whole group is stopped.
    (
      setsid dotnet smtp4dev --smtpport="$smtp_port" --urls="http://127.0.0.1:$web_port" --bindaddress=127.0.0.1 \
        --db="" --imapport="" --pop3port="" --baseappdatapath="$(realpath "$sink_dir")/smtp4dev" --nousersettings \
        </dev/null >"$sink_dir/smtp4dev.log" 2>&1 &
      sink=$!
      echo "$sink" >"$sink_dir/smtp4dev.pid"
      trap 'kill -TERM -- "-$sink" 2>/dev/null; [[ "$(cat "$sink_dir/smtp4dev.pid" 2>/dev/null)" == "$sink" ]] && rm -f "$sink_dir/smtp4dev.pid"' EXIT
      trap 'exit 143' TERM
      tail --pid="$app_pid" -f /dev/null 2>/dev/null || while kill -0 "$app_pid" 2>/dev/null; do sleep 1; done
    ) </dev/null >/dev/null 2>&1 &
    echo "Mail sink (smtp4dev): http://127.0.0.1:$web_port (SMTP on 127.0.0.1:$smtp_port, log $sink_dir/smtp4dev.log)"
  }
fi

echo "App: ${ASPNETCORE_URLS} (${ASPNETCORE_ENVIRONMENT})"
exec dotnet run --project src/ReviewWorkflow.Web -c Release -- --seed-demo "$@"
