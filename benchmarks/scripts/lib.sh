# Shared steps of the benchmark scripts that drive the server through its launcher; source it after `cd` to the
# repository root: . benchmarks/scripts/lib.sh

# install_missing TOOL:PACKAGE...: installs the Debian package of each missing tool (apt-get; root); exit 2 if it can't
install_missing() {
  local pkg
  for pkg in "$@"; do
    command -v "${pkg%%:*}" >/dev/null && continue
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkg#*:}" >/dev/null \
      || { echo "needs ${pkg%%:*}"; exit 2; }
  done
}

# find_launcher: sets LAUNCHER to DIST's bin/nextops-server (a copy of the distribution, so that builds may rewrite
# server/target meanwhile; it gets its own AppCDS archive, as JDK 17 takes one only at the path it was built for), or
# to the build's; builds first unless SKIP_BUILD or DIST is set
find_launcher() {
  [ -n "${SKIP_BUILD:-}${DIST:-}" ] || mvn -B -q -DskipTests package
  if [ -n "${DIST:-}" ]; then
    LAUNCHER=${DIST%/}/bin/nextops-server
    "$LAUNCHER" cds-archive --if-possible >/dev/null 2>&1 || true
  else
    LAUNCHER=$(ls -d server/target/nextops-server-*/ | sed -n 1p)bin/nextops-server
  fi
  [ -x "$LAUNCHER" ] || { echo "no launcher: mvn -B -q -DskipTests package"; exit 2; }
}

# login_and_provider: waits for the server on PORT, logs in as admin with PASS and creates a provider; sets AUTH
# (the Authorization header) and PROVIDER (its id); exit 2 if the server does not come up (DATA/server.log shown)
login_and_provider() {
  local token
  for _ in $(seq 1 240); do curl -fs "localhost:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "localhost:$PORT/health/ready" >/dev/null || { tail -20 "$DATA/server.log"; exit 2; }
  token=$(curl -fs -X POST "localhost:$PORT/api/token/" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$PASS\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')
  AUTH="Authorization: Bearer $token"
  PROVIDER=$(curl -fs -X POST "localhost:$PORT/api/catalogs/providers/" -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"nombre\":\"Naviera bench $(date +%s%N)\",\"tipo\":\"naviera\",\"categoria\":\"internacional\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  [ -n "$PROVIDER" ] || { echo "could not create a provider"; exit 2; }
}
