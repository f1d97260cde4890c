# bench/idle.sh: sourced by the benchmarks whose figures README.md quotes. Their verdicts (ratios
# against a reference measured in the same run) must come from an idle machine: two sides that
# share the cores with other work are slowed unequally.
#
#   idle_begin            at the start: records the load average and the machine's busy CPU time
#   idle_end              before the verdict, in the same shell: prints the load average before
#                         and now, and how many cores other processes kept busy meanwhile (the
#                         machine's busy CPU time, from /proc/stat, less the CPU time of the
#                         shell's finished children, which the benchmark runs as);
#                         sets BENCH_BUSY to why there is no verdict ("" on an idle machine)
#   bench_verdict TEXT    prints TEXT, or "no verdict: $BENCH_BUSY" on a busy machine
#
# RMNIST_BENCH_MAX_OTHERS (cores, default 0.25) is the most other processes may use;
# RMNIST_BENCH_FORCE=1 (each bench's --force) prints the verdict anyway, marked as forced.

_idle_busy_jiffies() {
  awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat
}

# CPU seconds (user + system) of the finished, waited-for children of shell $1, from its
# /proc/PID/stat (cutime, cstime); $1 is the caller's $BASHPID, as a $(...) runs in a subshell.
_idle_children_seconds() {
  sed 's/^.*) //' "/proc/$1/stat" | awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }'
}

idle_begin() {
  IDLE_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  IDLE_BUSY_BEFORE=$(_idle_busy_jiffies)
  local me=$BASHPID
  IDLE_OWN_BEFORE=$(_idle_children_seconds "$me")
  IDLE_T0=$(date +%s%N)
}

idle_end() {
  local busy own t1 hz limit others me=$BASHPID
  busy=$(_idle_busy_jiffies)
  own=$(_idle_children_seconds "$me")
  t1=$(date +%s%N)
  hz=$(getconf CLK_TCK)
  limit=${RMNIST_BENCH_MAX_OTHERS:-0.25}
  others=$(awk -v b0="$IDLE_BUSY_BEFORE" -v b1="$busy" -v o0="$IDLE_OWN_BEFORE" -v o1="$own" \
    -v t0="$IDLE_T0" -v t1="$t1" -v hz="$hz" \
    'BEGIN { w = (t1 - t0) / 1e9; x = ((b1 - b0) / hz - (o1 - o0)) / w; if (x < 0) x = 0;
             printf "%.2f", x }')
  echo "machine: $(nproc) cores; load average $IDLE_LOAD_BEFORE before, $(cut -d' ' -f1-3 \
/proc/loadavg) after; other processes kept $others cores busy on average during the benchmark" \
    "(limit $limit)"
  BENCH_BUSY=""
  if awk -v x="$others" -v l="$limit" 'BEGIN { exit !(x > l) }'; then
    if [ "${RMNIST_BENCH_FORCE:-0}" = 1 ]; then
      echo "busy machine: verdict printed anyway (--force); not a figure for README"
    else
      BENCH_BUSY="the machine was busy (other processes kept $others cores busy, more than $limit);"
      BENCH_BUSY+=" rerun on an idle machine, or pass --force to print it anyway"
    fi
  fi
  export BENCH_BUSY
}

bench_verdict() {
  if [ -n "${BENCH_BUSY:-}" ]; then
    echo "  no verdict: $BENCH_BUSY"
  else
    echo "$1"
  fi
}
