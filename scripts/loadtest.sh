#!/usr/bin/env bash
# Load test of the real server with wrk (loopback only, bounded in time).
#
#   scripts/loadtest.sh
#
# 1. offline: POST /v1/analyze (llm off) with a real English and a real
#    Bengali article, OFFLINE_CONNECTIONS connections for OFFLINE_DURATION;
# 2. stub LLM: the same articles with languages en+bn through the LLM path,
#    against cmd/llmstub answering after STUB_LATENCY, LLM_CONNECTIONS
#    connections for LLM_DURATION, with the LLM cache off so every request
#    reaches the stub. The server's RSS is sampled throughout.
#
# It builds sangbad and llmstub, starts them on free ports of 127.0.0.1 with
# a temporary data folder, stops them when done (or on Ctrl-C), and prints a
# summary table. Settings (environment): OFFLINE_DURATION (15s),
# OFFLINE_CONNECTIONS (16), LLM_DURATION (30s), LLM_CONNECTIONS (200),
# STUB_LATENCY (1s), THREADS (2), LANGUAGES (en,bn).
set -euo pipefail

OFFLINE_DURATION=${OFFLINE_DURATION:-15s}
OFFLINE_CONNECTIONS=${OFFLINE_CONNECTIONS:-16}
LLM_DURATION=${LLM_DURATION:-30s}
LLM_CONNECTIONS=${LLM_CONNECTIONS:-200}
STUB_LATENCY=${STUB_LATENCY:-1s}
THREADS=${THREADS:-2}
LANGUAGES=${LANGUAGES:-en,bn}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! command -v wrk >/dev/null 2>&1; then
	echo "installing wrk (Debian package)" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sangbad-loadtest.XXXXXX")
pids=()
cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building sangbad and llmstub" >&2
go build -o "$work/sangbad" ./cmd/sangbad
go build -o "$work/llmstub" ./cmd/llmstub

# wait_for FILE PATTERN: prints the first match of PATTERN in FILE, waiting
# up to 30 s for it.
wait_for() {
	local i match
	for i in $(seq 300); do
		match=$(grep -o -m1 -E "$2" "$1" 2>/dev/null || true)
		if [ -n "$match" ]; then
			echo "$match"
			return 0
		fi
		sleep 0.1
	done
	echo "timed out waiting for /$2/ in $1:" >&2
	cat "$1" >&2
	return 1
}

# start_server NAME [ENV=VALUE...]: starts sangbad serve on a free port;
# sets server_pid and server_url.
start_server() {
	local name=$1
	shift
	env "$@" SANGBAD_LOG_FORMAT=json "$work/sangbad" serve --addr 127.0.0.1:0 --no-queue \
		--data-dir "$work/data-$name" >"$work/$name.log" 2>&1 &
	server_pid=$!
	pids+=("$server_pid")
	server_url=$(wait_for "$work/$name.log" 'http://127\.0\.0\.1:[0-9]+')
	case "$server_url" in
	http://127.0.0.1:*) ;;
	*) echo "server did not report a loopback URL: $server_url" >&2; return 1 ;;
	esac
}

stop_server() {
	kill "$server_pid" 2>/dev/null || true
	wait "$server_pid" 2>/dev/null || true
}

# rss_mib PID [FIELD]: VmRSS (or VmHWM, the peak) of PID in MiB.
rss_mib() {
	awk -v f="${2:-VmRSS}:" '$1 == f { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

# sample_rss PID FILE: appends the RSS of PID to FILE every 2 s while it runs.
sample_rss() {
	while kill -0 "$1" 2>/dev/null; do
		rss_mib "$1" >>"$2" 2>/dev/null && echo >>"$2"
		sleep 2
	done
}

# analyze_once URL LLM: one request, for warm-up and to check the LLM path.
analyze_once() {
	local text="TikTok will invest \$840 million in Tokopedia, the companies said in Jakarta on Tuesday. The deal needs the approval of regulators."
	curl -sS --max-time 60 -H 'Content-Type: application/json' -o "$work/once.json" -w '%{http_code}' \
		--data-binary "{\"text\": \"$text\", \"languages\": [\"${LANGUAGES//,/\",\"}\"], \"llm\": \"$2\"}" \
		"$1/v1/analyze"
}

# run_wrk NAME URL CONNECTIONS DURATION TIMEOUT LLM_MODE: runs wrk and
# prints its RESULT line.
run_wrk() {
	wrk --latency -t "$THREADS" -c "$3" -d "$4" --timeout "$5" -s "$root/loadtest/analyze.lua" "$2" \
		-- "$root/loadtest/testdata" "$6" "$LANGUAGES" >"$work/$1.wrk" 2>&1 || {
		cat "$work/$1.wrk" >&2
		return 1
	}
	cat "$work/$1.wrk" >&2
	grep '^RESULT ' "$work/$1.wrk"
}

# field RESULT KEY: the value of KEY in a RESULT line.
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }

for tool in curl; do
	command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install $tool)" >&2; exit 1; }
done

# --- 1. offline --------------------------------------------------------------
echo "== offline: $OFFLINE_CONNECTIONS connections, $OFFLINE_DURATION" >&2
start_server offline
status=$(analyze_once "$server_url" off)
[ "$status" = 200 ] || { echo "warm-up request failed: $status $(cat "$work/once.json")" >&2; exit 1; }
off_rss_before=$(rss_mib "$server_pid")
sample_rss "$server_pid" "$work/offline.rss" &
off=$(run_wrk offline "$server_url" "$OFFLINE_CONNECTIONS" "$OFFLINE_DURATION" 10s off)
off_rss_after=$(rss_mib "$server_pid")
off_rss_peak=$(rss_mib "$server_pid" VmHWM)
stop_server

# --- 2. stub LLM -------------------------------------------------------------
echo "== stub LLM: latency $STUB_LATENCY, $LLM_CONNECTIONS connections, $LLM_DURATION" >&2
"$work/llmstub" --addr 127.0.0.1:0 --latency "$STUB_LATENCY" >"$work/llmstub.log" 2>&1 &
stub_pid=$!
pids+=("$stub_pid")
stub_url=$(wait_for "$work/llmstub.log" 'http://127\.0\.0\.1:[0-9]+/v1')
cat >"$work/llm.yaml" <<EOF
server:
  max_in_flight: 1024
llm:
  max_concurrent: 1024
  timeout: 30s
  cache_size: 0
EOF
start_server llm SANGBAD_CONFIG="$work/llm.yaml" OPENAI_BASE_URL="$stub_url" SANGBAD_LLM_MODEL=stub-model
status=$(analyze_once "$server_url" required)
if [ "$status" != 200 ] || ! grep -q '"method":"llm"' "$work/once.json"; then
	echo "the server does not use the stub LLM: $status $(head -c 600 "$work/once.json")" >&2
	exit 1
fi
llm_rss_before=$(rss_mib "$server_pid")
sample_rss "$server_pid" "$work/llm.rss" &
llm=$(run_wrk llm "$server_url" "$LLM_CONNECTIONS" "$LLM_DURATION" 30s auto)
llm_rss_after=$(rss_mib "$server_pid")
llm_rss_peak=$(rss_mib "$server_pid" VmHWM)
sleep 3
llm_rss_idle=$(rss_mib "$server_pid")
curl -sS --max-time 10 "$server_url/metrics" >"$work/llm.metrics" || true
stop_server
kill "$stub_pid" && wait "$stub_pid" || true

# --- summary -----------------------------------------------------------------
row() { # NAME CONNS DURATION RESULT RSS_BEFORE RSS_AFTER RSS_PEAK
	printf '%-22s %5s %5s %9s %8s %9s %9s %8s %7s %8s %9s %9s %9s\n' "$1" "$2" "$3" \
		"$(field "$4" requests)" "$(field "$4" rps)" "$(field "$4" p50_ms)" "$(field "$4" p99_ms)" \
		"$(field "$4" non2xx)" \
		"$(($(field "$4" err_connect) + $(field "$4" err_read) + $(field "$4" err_write) + $(field "$4" err_timeout)))" \
		"$(field "$4" llm)" "$5" "$6" "$7"
}
echo
echo "Sangbad load test ($(nproc) cores; wrk $THREADS threads; articles: loadtest/testdata/article_{en,bn}.txt)"
printf '%-22s %5s %5s %9s %8s %9s %9s %8s %7s %8s %9s %9s %9s\n' scenario conns time requests 'req/s' 'p50 ms' 'p99 ms' \
	non-2xx 'sock err' 'llm ok' 'RSS MiB<' 'RSS MiB>' 'peak MiB'
row "offline analyze" "$OFFLINE_CONNECTIONS" "$OFFLINE_DURATION" "$off" "$off_rss_before" "$off_rss_after" "$off_rss_peak"
row "stub LLM $STUB_LATENCY ($LANGUAGES)" "$LLM_CONNECTIONS" "$LLM_DURATION" "$llm" "$llm_rss_before" "$llm_rss_after" "$llm_rss_peak"
echo "statuses: offline $(field "$off" statuses); stub LLM $(field "$llm" statuses)"
echo "RSS samples every 2 s (MiB): offline $(tr '\n' ' ' <"$work/offline.rss"); stub LLM $(tr '\n' ' ' <"$work/llm.rss")"
echo "RSS 3 s after the stub LLM run: $llm_rss_idle MiB"
echo "stub: $(tail -n 1 "$work/llmstub.log")"
echo "server metrics after the stub LLM run:"
grep -E '^sangbad_(llm_(calls|errors|retries)_total|http_requests_total\{[^}]*route="/v1/analyze")' "$work/llm.metrics" | sed 's/^/  /' || echo "  (no sangbad_llm_* metrics: the server does not register them)"
