# shellcheck shell=bash
# servers.sh: sourced by peers.sh. Knows each peer server: what it needs installed, how it is
# built into bench/build/, and the command line that starts it pinned to the server CPU.
# Expects BUILD, PEERS (this folder), BASE_PORT, SERVER_CPU and, for the JVM servers,
# SURGE_JDK, SURGE_APP_ARGS and SURGE_BENCH_CP.

# The peers, and Surge's own route variants (the same service, another route): an inline route
# is "surge", the same plaintext on a virtual thread "surge-vt", the JSON route "surge-json".
# Surge runs as `surge run` does by default, metrics and admin listener on; the "-nometrics"
# variants run with --no-metrics --admin-port 0, to measure what metrics cost.
ALL_SERVERS=(surge netty gin fasthttp nginx c-loop surge-vt surge-json surge-nometrics surge-json-nometrics)
JVM_FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
GOPATH_DEBIAN=/usr/share/gocode

# The port of each server: distinct, so a server that failed to die cannot answer for the next.
server_port() {
  local i
  for i in "${!ALL_SERVERS[@]}"; do
    [[ "${ALL_SERVERS[$i]}" == "$1" ]] && { echo $((BASE_PORT + i)); return 0; }
  done
  return 1
}

# The path each server is loaded on, and the body it must answer there.
server_path() {
  case "$1" in
    surge-vt) echo /plaintext/vt ;;
    surge-json|surge-json-nometrics) echo /json ;;
    *) echo /plaintext ;;
  esac
}

server_body() {
  case "$1" in
    surge-json|surge-json-nometrics) echo '{"message":"Hello, World!"}' ;;
    *) echo 'Hello, World!' ;;
  esac
}

# Prints "PACKAGE" for every Debian package the selected servers (and the load) need but lack.
missing_packages() {
  local s
  command -v wrk >/dev/null || echo wrk
  command -v curl >/dev/null || echo curl
  command -v taskset >/dev/null || echo util-linux
  for s in "$@"; do
    case "$s" in
      gin|fasthttp) command -v go >/dev/null || echo golang-go ;;&
      gin) [[ -d $GOPATH_DEBIAN/src/github.com/gin-gonic/gin ]] || echo golang-github-gin-gonic-gin-dev ;;
      fasthttp) [[ -d $GOPATH_DEBIAN/src/github.com/valyala/fasthttp ]] || echo golang-github-valyala-fasthttp-dev ;;
      nginx) command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || echo nginx ;;
      c-loop) command -v gcc >/dev/null || echo gcc ;;
    esac
  done | sort -u
}

# Installs what missing_packages lists (tools/debian-packages.sh: as root, or says what to install).
install_missing() {
  local pkgs
  mapfile -t pkgs < <(missing_packages "$@")
  [[ ${#pkgs[@]} -eq 0 ]] && return 0
  "$PEERS/../../tools/debian-packages.sh" "${pkgs[@]}" || exit 1
}

# Builds (when its sources are newer than the binary) what server $1 runs from bench/build/.
build_server() {
  case "$1" in
    gin|fasthttp)
      if [[ ! -x $BUILD/$1 || $PEERS/$1/main.go -nt $BUILD/$1 ]]; then
        echo "peers: building $1" >&2
        # GOPATH mode against the Debian library packages: no module download, no network.
        (cd "$PEERS/$1" && GO111MODULE=off GOPATH=$GOPATH_DEBIAN GOCACHE=$BUILD/go-cache GOFLAGS='' \
          go build -o "$BUILD/$1" .)
      fi
      ;;
    c-loop)
      if [[ ! -x $BUILD/c-loop || $PEERS/c-loop.c -nt $BUILD/c-loop ]]; then
        echo "peers: building c-loop" >&2
        gcc -O2 -Wall -o "$BUILD/c-loop" "$PEERS/c-loop.c"
      fi
      ;;
    nginx)
      # The config is filled in every run: it carries the port and absolute paths.
      mkdir -p "$BUILD/nginx"
      sed -e "s|@PORT@|$(server_port nginx)|g" -e "s|@BUILD@|$BUILD|g" "$PEERS/nginx.conf" >"$BUILD/nginx/nginx.conf"
      ;;
    surge|surge-vt|surge-json|surge-nometrics|surge-json-nometrics|netty)
      local var=SURGE_APP_ARGS
      [[ $1 == netty ]] && var=SURGE_BENCH_CP
      if [[ -z ${SURGE_JDK:-} || -z ${!var:-} ]]; then
        echo "peers: $1 needs SURGE_JDK and $var, which ./surge sets: run this as './surge bench peers'." >&2
        exit 1
      fi
      ;;
  esac
}

# Starts server $1 in the background, pinned to SERVER_CPU, output to $2. Sets SERVER_PID to the
# server process itself (taskset execs it), whose /proc/PID/stat then holds all its CPU time.
start_server() {
  local name=$1 log=$2 port
  port=$(server_port "$name")
  local pin=(taskset -c "$SERVER_CPU")
  # JAVA_OPTS applies to both JVMs alike, so they stay comparable.
  local jvm=("${pin[@]}" "$SURGE_JDK/bin/java" "${JVM_FLAGS[@]}" -XX:ActiveProcessorCount=1)
  # shellcheck disable=SC2206  # JAVA_OPTS is a list of flags by design
  jvm+=(${JAVA_OPTS:-})
  case "$name" in
    surge|surge-vt|surge-json)
      # The admin listener on a port of this run's own, beside the server's.
      "${jvm[@]}" @"$SURGE_APP_ARGS" run --host 127.0.0.1 --port "$port" --event-loops 1 \
        --admin-port $((port + 1000)) >"$log" 2>&1 &
      ;;
    surge-nometrics|surge-json-nometrics)
      "${jvm[@]}" @"$SURGE_APP_ARGS" run --host 127.0.0.1 --port "$port" --event-loops 1 \
        --no-metrics --admin-port 0 >"$log" 2>&1 &
      ;;
    netty)
      "${jvm[@]}" -cp "$SURGE_BENCH_CP" dev.surge.bench.NettyPeer "$port" 127.0.0.1 >"$log" 2>&1 &
      ;;
    gin|fasthttp)
      GOMAXPROCS=1 "${pin[@]}" "$BUILD/$name" -addr "127.0.0.1:$port" >"$log" 2>&1 &
      ;;
    nginx)
      "${pin[@]}" nginx -p "$BUILD/nginx" -c "$BUILD/nginx/nginx.conf" -e "$BUILD/nginx/error.log" >"$log" 2>&1 &
      ;;
    c-loop)
      "${pin[@]}" "$BUILD/c-loop" "$port" >"$log" 2>&1 &
      ;;
    *)
      echo "peers: unknown server '$name'" >&2
      return 1
      ;;
  esac
  SERVER_PID=$!
}

# Stops the server started last, politely and then not, and waits until it is gone.
stop_server() {
  local pid=${SERVER_PID:-} i
  [[ -z $pid ]] && return 0
  SERVER_PID=
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Server CPU time so far (all threads) as "utime stime", in clock ticks: user and system are kept
# apart because a server that spends its time in the kernel (syscalls per request) is a different
# story from one that spends it in its own code. The comm field may hold spaces, so the fields
# are counted from its closing parenthesis: utime and stime are fields 14 and 15.
cpu_ticks() {
  local stat rest f
  stat=$(<"/proc/$1/stat")
  rest=${stat##*) }
  read -r -a f <<<"$rest"
  echo "${f[11]} ${f[12]}"
}
