# Shared by bench/run-all and every bench/ENTRY: build the harness when needed, wait for a quiet
# machine, and run one benchmark. Source it; do not run it.
set -euo pipefail

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo_root="$(cd "$bench_root/.." && pwd)"
bench_target="$bench_root/target"

# Builds the harness (and the modules and WARs it needs) unless a build newer than every source exists.
bench_build() {
  local stamp="$bench_target/classpath.txt"
  if [ -f "$stamp" ] && [ -d "$bench_target/classes/io/cohost/bench" ] && [ -f "$bench_target/wars/hello.war" ] \
     && [ -z "$(find "$repo_root" -path '*/src/*' -newer "$stamp" -not -path '*/target/*' -print -quit)" ] \
     && [ -z "$(find "$repo_root" -name pom.xml -newer "$stamp" -not -path '*/target/*' -print -quit)" ]; then
    return 0
  fi
  echo "bench: building (mvn -pl bench -am package -DskipTests) ..." >&2
  (cd "$repo_root" && mvn -B -q -ntp -pl bench -am package -DskipTests) >&2
  touch "$stamp"
}

# Waits up to BENCH_LOAD_WAIT seconds (default 600) for the 1-minute load average to fall below
# BENCH_MAX_LOAD (default 1.5), so a full run does not measure someone else's build. Quick mode skips it.
bench_wait_for_quiet() {
  local max="${BENCH_MAX_LOAD:-1.5}" wait="${BENCH_LOAD_WAIT:-600}" waited=0 load
  while :; do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    if awk -v l="$load" -v m="$max" 'BEGIN { exit !(l < m) }'; then
      return 0
    fi
    if [ "$waited" -ge "$wait" ]; then
      echo "bench: load average still $load after ${wait}s; running anyway (the load is recorded in the results)" >&2
      return 0
    fi
    [ "$waited" -eq 0 ] && echo "bench: load average $load >= $max; waiting up to ${wait}s for a quieter machine" >&2
    sleep 15
    waited=$((waited + 15))
  done
}

# bench_run ID [--quick] [--results FILE]: runs one benchmark with the harness's class path.
bench_run() {
  local id="$1"
  shift
  local quick=0
  for a in "$@"; do [ "$a" = "--quick" ] && quick=1; done
  bench_build
  if [ "$quick" = 0 ]; then
    bench_wait_for_quiet
  fi
  local cmd="bench/$id"
  [ "$quick" = 1 ] && cmd="bench/$id --quick"
  cd "$repo_root"
  java -Xmx1g -Dcohost.bench.target="$bench_target" \
    -cp "$bench_target/classes:$(cat "$bench_target/classpath.txt")" \
    io.cohost.bench.Bench "$id" --command "$cmd" "$@"
}
