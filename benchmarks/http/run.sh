#!/usr/bin/env bash
# End-to-end HTTP benchmark (issue 7): the same minimal host with no auth, with Studio.Auth, and with
# ASP.NET Core's JwtBearer validating the same token, driven by wrk on loopback; then WebSocket
# upgrades per second with and without auth. See docs/performance.md, "End to end over HTTP (wrk)".
#
#   benchmarks/http/run.sh                      # defaults below (about 15 minutes)
#   ROUNDS=3 DURATION=10 benchmarks/http/run.sh # any setting below can be overridden like this
#
# Needs: dotnet, wrk (apt-get install -y wrk), taskset and curl. Run as root for NICE below 0.
set -euo pipefail

ROUNDS=${ROUNDS:-7}             # measured rounds; the modes are interleaved, each round in another order
DURATION=${DURATION:-10}        # seconds of wrk per mode and round
WARMUP=${WARMUP:-30}            # seconds of wrk per host before the first round (tiered JIT settles)
THREADS=${THREADS:-1}           # wrk threads
CONNECTIONS=${CONNECTIONS:-32}  # wrk connections (keep-alive)
WS_CLIENTS=${WS_CLIENTS:-16}    # concurrent WebSocket open/close loops
WS_DURATION=${WS_DURATION:-10}  # seconds of WebSocket load per mode and round
WS_ROUNDS=${WS_ROUNDS:-3}
PIPELINE_SECONDS=${PIPELINE_SECONDS:-10} # in-process measurement per mode (0 skips it), after a warm-up at least as long (until stable)
SERVER_CPU=${SERVER_CPU:-1}     # the host runs on this core ...
CLIENT_CPU=${CLIENT_CPU:-0}     # ... wrk and the WebSocket client on this one
NICE=${NICE:--20}               # scheduling priority of host and load generators (other work on the machine yields)
# none, Studio.Auth and JwtBearer are the contenders; floor is a reference: ASP.NET Core's authentication and
# authorization middleware with a scheme that authenticates every request for free (see HostModes.cs).
MODES=(none studio jwtbearer floor)
declare -A PORT=([none]=5301 [studio]=5302 [jwtbearer]=5303 [floor]=5304)

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PROJECT=$ROOT/benchmarks/Studio.Auth.HttpBenchmarks
DLL=$PROJECT/bin/Release/net10.0/Studio.Auth.HttpBenchmarks.dll
WORK=$(mktemp -d "${TMPDIR:-/tmp}/studio-auth-http.XXXXXX")
declare -A PID=()

for tool in dotnet wrk taskset curl; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (wrk: apt-get install -y wrk)" >&2; exit 1; }
done

cleanup() {
    for mode in "${!PID[@]}"; do kill "${PID[$mode]}" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

pinned() { local cpu=$1; shift; nice -n "$NICE" taskset -c "$cpu" "$@"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

echo "== build (Release)"
dotnet build "$PROJECT" -c Release -v quiet -nologo | grep -E ' error | warning ' || true
[[ -f $DLL ]] || fail "build produced no $DLL"

# A real configuration: type github (the provider points at nothing: nobody signs in during the
# benchmark), a random 48-byte jwt_secret, the defaults for issuer, audience, skew and token cache.
cat >"$WORK/auth.yaml" <<EOF
type: github
jwt_secret: "$(head -c 48 /dev/urandom | base64 -w0)"
token_expiry_minutes: 240
github:
  client_id: "http-benchmark"
  client_secret: "http-benchmark-client-secret"
  callback_url: "http://127.0.0.1:${PORT[studio]}/api/auth/callback"
  base_url: "http://127.0.0.1:9"
EOF
dotnet "$DLL" issue-token --auth-config "$WORK/auth.yaml" >"$WORK/token"
TOKEN=$(cat "$WORK/token")
TAMPERED="${TOKEN%?}$([[ ${TOKEN: -1} == A ]] && echo B || echo A)"
echo "== token: ${#TOKEN} characters, issued by Studio.Auth's ITokenService"

status() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }

start_host() {
    local mode=$1 port=${PORT[$1]}
    curl -s -o /dev/null "http://127.0.0.1:$port/" && fail "port $port is taken (a host left from another run?)"
    # nice and taskset exec the host, so $! is the host's own pid (its CPU time is read from /proc).
    nice -n "$NICE" taskset -c "$SERVER_CPU" dotnet "$DLL" host --mode "$mode" --auth-config "$WORK/auth.yaml" --port "$port" >"$WORK/$mode.log" 2>&1 &
    PID[$mode]=$!
    for _ in $(seq 300); do
        curl -s -o /dev/null "http://127.0.0.1:$port/api/ping" && break
        kill -0 "${PID[$mode]}" 2>/dev/null || { cat "$WORK/$mode.log" >&2; fail "$mode host exited"; }
        sleep 0.1
    done

    local url="http://127.0.0.1:$port/api/ping" ws="ws://127.0.0.1:$port/api/ws"
    [[ $(status -H "Authorization: Bearer $TOKEN" "$url") == 200 ]] || fail "$mode: GET /api/ping with the token is not 200"
    if [[ $mode == none || $mode == floor ]]; then
        [[ $(status "$url") == 200 ]] || fail "$mode: GET /api/ping is not 200"
        [[ $(dotnet "$DLL" ws-probe --url "$ws") == 101 ]] || fail "$mode: WebSocket handshake is not 101"
    else
        grep -q '"user":"583231"' "$WORK/body" || fail "$mode: /api/ping does not name the token's user"
        [[ $(status "$url") == 401 ]] || fail "$mode: GET /api/ping without a token is not 401"
        [[ $(status -H "Authorization: Bearer $TAMPERED" "$url") == 401 ]] || fail "$mode: a tampered token is not 401"
        [[ $(dotnet "$DLL" ws-probe --url "$ws" --token-file "$WORK/token") == 101 ]] || fail "$mode: WebSocket with ?token= is not 101"
        [[ $(dotnet "$DLL" ws-probe --url "$ws") == 401 ]] || fail "$mode: WebSocket without a token is not 401"
    fi
    echo "   $mode: pid ${PID[$mode]} on cpu $SERVER_CPU, http://127.0.0.1:$port — checks passed"
}

# Bytes the host has allocated since it started (all threads).
allocated() { curl -s "http://127.0.0.1:${PORT[$1]}/bench/allocated"; }

# CPU time (user + system) the host has used, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# wrk's "1.23ms" / "456.78us" / "1.02s" as microseconds.
to_us() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) f = 1; else if (v ~ /ms$/) f = 1000; else if (v ~ /s$/) f = 1000000; else f = 1; printf "%.0f", n * f }'; }

run_wrk() {
    local mode=$1 seconds=$2
    pinned "$CLIENT_CPU" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency \
        -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:${PORT[$mode]}/api/ping"
}

echo "== start each host in turn (all stay up; idle ones use no CPU)"
for mode in "${MODES[@]}"; do start_host "$mode"; done

echo "== warm-up: ${WARMUP}s of wrk per host"
for mode in "${MODES[@]}"; do
    run_wrk "$mode" "$WARMUP" | grep -q 'Requests/sec' || fail "$mode: warm-up failed"
    pinned "$CLIENT_CPU" dotnet "$DLL" ws-load --url "ws://127.0.0.1:${PORT[$mode]}/api/ws" --clients "$WS_CLIENTS" --seconds 3 \
        $([[ $mode == none || $mode == floor ]] || echo --token-file "$WORK/token") >/dev/null || fail "$mode: WebSocket warm-up failed"
done

echo "== HTTP: $ROUNDS rounds, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, modes interleaved"
: >"$WORK/http.tsv"
for ((round = 0; round < ROUNDS; round++)); do
    for ((i = 0; i < ${#MODES[@]}; i++)); do
        mode=${MODES[$(((i + round) % ${#MODES[@]}))]}
        before=$(cpu_ticks "${PID[$mode]}"); allocated_before=$(allocated "$mode")
        out=$(run_wrk "$mode" "$DURATION")
        after=$(cpu_ticks "${PID[$mode]}"); allocated_after=$(allocated "$mode")
        grep -q 'Non-2xx\|Socket errors' <<<"$out" && { echo "$out" >&2; fail "$mode: errors under load"; }
        rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
        requests=$(awk '/requests in/ { print $1 }' <<<"$out")
        avg=$(to_us "$(awk '/^    Latency/ { print $2 }' <<<"$out")")
        p50=$(to_us "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
        p99=$(to_us "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
        cpu_us=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
        bytes=$(( (allocated_after - allocated_before) / requests ))
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$mode" "$rps" "$avg" "$p50" "$p99" "$cpu_us" "$bytes" >>"$WORK/http.tsv"
        printf '   round %d  %-9s %10.0f req/s  avg %6d us  p50 %6d us  p99 %6d us  host cpu %5.1f us/req  %5d B/req\n' \
            $((round + 1)) "$mode" "$rps" "$avg" "$p50" "$p99" "$cpu_us" "$bytes"
    done
done

if ((WS_ROUNDS > 0)); then
    echo "== WebSocket upgrades: $WS_ROUNDS rounds, $WS_CLIENTS clients, ${WS_DURATION}s (open with ?token= for the auth modes, close, repeat)"
    : >"$WORK/ws.tsv"
    for ((round = 0; round < WS_ROUNDS; round++)); do
        for ((i = 0; i < ${#MODES[@]}; i++)); do
            mode=${MODES[$(((i + round) % ${#MODES[@]}))]}
            before=$(cpu_ticks "${PID[$mode]}")
            out=$(pinned "$CLIENT_CPU" dotnet "$DLL" ws-load --url "ws://127.0.0.1:${PORT[$mode]}/api/ws" --clients "$WS_CLIENTS" \
                --seconds "$WS_DURATION" $([[ $mode == none || $mode == floor ]] || echo --token-file "$WORK/token")) || { echo "$out" >&2; fail "$mode: WebSocket load had failures"; }
            after=$(cpu_ticks "${PID[$mode]}")
            per_second=$(sed -E 's/.*per_second=([0-9.]+).*/\1/' <<<"$out")
            upgrades=$(sed -E 's/^upgrades=([0-9]+).*/\1/' <<<"$out")
            cpu_us=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$upgrades" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
            printf '%s\t%s\t%s\t%s\n' "$round" "$mode" "$per_second" "$cpu_us" >>"$WORK/ws.tsv"
            printf '   round %d  %-9s %8.0f upgrades/s  host cpu %6.1f us/upgrade\n' $((round + 1)) "$mode" "$per_second" "$cpu_us"
        done
    done
fi

if ((PIPELINE_SECONDS > 0)); then
    echo "== In-process: one request at a time through each host's whole pipeline, no sockets (${PIPELINE_SECONDS}s each, after a warm-up until stable)"
    : >"$WORK/pipeline.tsv"
    for mode in "${MODES[@]}"; do
        out=$(pinned "$SERVER_CPU" dotnet "$DLL" pipeline --mode "$mode" --auth-config "$WORK/auth.yaml" --token-file "$WORK/token" \
            --warmup "$PIPELINE_SECONDS" --seconds "$PIPELINE_SECONDS")
        ns=$(sed -E 's/.*ns_per_request=([0-9]+).*/\1/' <<<"$out")
        bytes=$(sed -E 's/.*bytes_per_request=([0-9]+).*/\1/' <<<"$out")
        printf '%s\t%s\t%s\n' "$mode" "$ns" "$bytes" >>"$WORK/pipeline.tsv"
        printf '   %-9s %6d ns/request  %6d B/request\n' "$mode" "$ns" "$bytes"
    done
fi

# The median of column $2 for mode $1 in file $3.
median() { awk -F'\t' -v m="$1" -v c="$2" '$2 == m { print $c }' "$3" | sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# The median over rounds of (column $3 of mode $1) / (column $3 of mode $2), each pair measured in the same
# round, seconds apart: drifts in the machine's load over the run cancel out.
round_ratio() {
    awk -F'\t' -v a="$1" -v b="$2" -v c="$3" '$2 == a { x[$1] = $c } $2 == b { y[$1] = $c } END { for (r in x) if (r in y) print x[r] / y[r] }' "$4" |
        sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
verdict() { awk -v r="$1" -v g="$2" 'BEGIN { print (r >= g ? "met" : "MISSED") }'; }

echo
echo "== Results (medians of $ROUNDS rounds; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "| mode | req/s | avg latency | p50 | p99 | host CPU per request | allocated per request |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for mode in "${MODES[@]}"; do
    printf '| %s | %.0f | %.0f µs | %.0f µs | %.0f µs | %.1f µs | %.0f B |\n' "$mode" \
        "$(median "$mode" 3 "$WORK/http.tsv")" "$(median "$mode" 4 "$WORK/http.tsv")" "$(median "$mode" 5 "$WORK/http.tsv")" \
        "$(median "$mode" 6 "$WORK/http.tsv")" "$(median "$mode" 7 "$WORK/http.tsv")" "$(median "$mode" 8 "$WORK/http.tsv")"
done
none=$(median none 3 "$WORK/http.tsv"); studio=$(median studio 3 "$WORK/http.tsv"); jwt=$(median jwtbearer 3 "$WORK/http.tsv")
floor=$(median floor 3 "$WORK/http.tsv")
r_none=$(round_ratio studio none 3 "$WORK/http.tsv"); r_jwt=$(round_ratio studio jwtbearer 3 "$WORK/http.tsv")
echo
echo "Requests/s ratios, median of the $ROUNDS per-round ratios (ratio of the medians above in brackets):"
echo "Studio.Auth / no auth:   ${r_none}x [$(ratio "$studio" "$none")x] (goal >= 0.9x: $(verdict "$r_none" 0.9))"
echo "Studio.Auth / JwtBearer: ${r_jwt}x [$(ratio "$studio" "$jwt")x] (goal >= 1.5x: $(verdict "$r_jwt" 1.5))"
echo "reference: floor / no auth $(round_ratio floor none 3 "$WORK/http.tsv")x, Studio.Auth / floor $(round_ratio studio floor 3 "$WORK/http.tsv")x"
echo "requests per second of host CPU (less sensitive to other load on the machine):" \
    "Studio.Auth / no auth $(round_ratio none studio 7 "$WORK/http.tsv")x, Studio.Auth / JwtBearer $(round_ratio jwtbearer studio 7 "$WORK/http.tsv")x"
if ((WS_ROUNDS > 0)); then
    echo
    echo "| mode | WebSocket upgrades/s | host CPU per upgrade |"
    echo "|---|---:|---:|"
    for mode in "${MODES[@]}"; do
        printf '| %s | %.0f | %.1f µs |\n' "$mode" "$(median "$mode" 3 "$WORK/ws.tsv")" "$(median "$mode" 4 "$WORK/ws.tsv")"
    done
    ws_none=$(median none 3 "$WORK/ws.tsv"); ws_studio=$(median studio 3 "$WORK/ws.tsv")
    echo
    echo "WebSocket upgrades, Studio.Auth / no auth: $(ratio "$ws_studio" "$ws_none")x"
fi
if ((PIPELINE_SECONDS > 0)); then
    echo
    echo "| mode | in-process time per request | allocated per request |"
    echo "|---|---:|---:|"
    awk -F'\t' '{ printf "| %s | %d ns | %d B |\n", $1, $2, $3 }' "$WORK/pipeline.tsv"
fi
