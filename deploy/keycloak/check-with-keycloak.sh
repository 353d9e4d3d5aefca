#!/usr/bin/env bash
# Proves that casegrid-realm.json works in a real Keycloak: starts the Keycloak server
# distribution (fetched from Maven Central through ./mvnw) with the realm imported, takes a token
# for every demo user and both machine clients, and checks each token's claims the way the
# casegrid services will rely on them (issuer, audience, realm roles, department, groups,
# RS256 signature by a key of the realm's JWKS). Exits non-zero on any failure.
#
#   deploy/keycloak/check-with-keycloak.sh
#
# Environment (all optional):
#   KEYCLOAK_VERSION     Keycloak distribution version (default 26.4.7)
#   KEYCLOAK_PORT        HTTP port on 127.0.0.1 (default 18180)
#   KEYCLOAK_START_TIMEOUT  seconds to wait for the realm to be served (default 240)
#   CASEGRID_INTAKE_URL  if set, also GET $CASEGRID_INTAKE_URL/q/health
#
# Needs bash, curl, unzip, python3 (standard library only) and a JDK 21 or newer (Keycloak 26
# does not run on 17): JAVA_HOME if it is 21+, else the first /usr/lib/jvm/* that is.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REALM_FILE="$HERE/casegrid-realm.json"
KC_VERSION="${KEYCLOAK_VERSION:-26.4.7}"
PORT="${KEYCLOAK_PORT:-18180}"
START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-240}"
WORK="$HERE/target" # ignored by git through the root .gitignore's "target/"
ZIP="$WORK/keycloak-quarkus-dist-$KC_VERSION.zip"
KC_HOME="$WORK/keycloak-$KC_VERSION"
KC_LOG="$WORK/keycloak.log"
BASE="http://127.0.0.1:$PORT"

say() { printf '[check-with-keycloak] %s\n' "$*"; }
die() { printf '[check-with-keycloak] FAIL: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
secs_since() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

for tool in curl unzip python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed but not on the PATH"
done
[ -f "$REALM_FILE" ] || die "realm file not found: $REALM_FILE"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$REALM_FILE" \
  || die "realm file is not valid JSON: $REALM_FILE"

# --- a JDK 21 or newer -----------------------------------------------------------------------
java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -version 2>&1 | awk -F'"' '/version "/ { v = $2; if (v ~ /^1\./) { split(v, p, "."); print p[2] } else { split(v, p, /[.+-]/); print p[1] } exit }'
}
KC_JAVA_HOME=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  m="$(java_major "$JAVA_HOME/bin/java" || true)"
  if [ -n "$m" ] && [ "$m" -ge 21 ]; then KC_JAVA_HOME="$JAVA_HOME"; fi
fi
if [ -z "$KC_JAVA_HOME" ]; then
  for jdk in /usr/lib/jvm/*; do
    [ -x "$jdk/bin/java" ] || continue
    m="$(java_major "$jdk/bin/java" || true)"
    if [ -n "$m" ] && [ "$m" -ge 21 ]; then KC_JAVA_HOME="$jdk"; break; fi
  done
fi
[ -n "$KC_JAVA_HOME" ] || die "Keycloak $KC_VERSION needs a JDK 21 or newer: JAVA_HOME (${JAVA_HOME:-unset}) is not one and none was found under /usr/lib/jvm. Install one (e.g. a Temurin 21/25 package) or point JAVA_HOME at it."
say "JDK for Keycloak: $KC_JAVA_HOME (Java $(java_major "$KC_JAVA_HOME/bin/java"))"

# --- the distribution, through the project's Maven wrapper -----------------------------------
mkdir -p "$WORK"
if [ ! -f "$ZIP" ]; then
  say "fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip through ./mvnw ..."
  t0="$(now_ms)"
  (cd "$ROOT" && ./mvnw -q -N dependency:copy \
    "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
    "-DoutputDirectory=$WORK") || die "could not fetch the Keycloak $KC_VERSION distribution through ./mvnw"
  say "download: $(secs_since "$t0") s ($(du -h "$ZIP" | cut -f1))"
else
  say "distribution already here: $(basename "$ZIP")"
fi
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  t0="$(now_ms)"
  rm -rf "$KC_HOME"
  unzip -q "$ZIP" -d "$WORK" || die "could not unzip $ZIP"
  [ -x "$KC_HOME/bin/kc.sh" ] || die "no bin/kc.sh in $KC_HOME after unzipping"
  say "unzip: $(secs_since "$t0") s"
fi

# --- start Keycloak with the realm imported --------------------------------------------------
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  die "something already answers on $BASE; stop it or choose another KEYCLOAK_PORT"
fi
rm -rf "$KC_HOME/data/import"
mkdir -p "$KC_HOME/data/import"
cp "$REALM_FILE" "$KC_HOME/data/import/"

KC_PID=""
stop_keycloak() {
  local rc=$?
  if [ -n "$KC_PID" ] && kill -0 "$KC_PID" 2>/dev/null; then
    say "stopping Keycloak (pid $KC_PID)"
    kill -TERM "$KC_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$KC_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$KC_PID" 2>/dev/null; then
      say "Keycloak did not stop in 30 s; killing its process group"
      kill -KILL -- "-$KC_PID" 2>/dev/null || kill -KILL "$KC_PID" 2>/dev/null || true
    fi
    wait "$KC_PID" 2>/dev/null || true
  fi
  exit "$rc"
}
trap stop_keycloak EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting Keycloak $KC_VERSION on $BASE (log: ${KC_LOG#"$ROOT"/})"
t_start="$(now_ms)"
# In-memory dev database: every run imports the realm file afresh.
# setsid gives Keycloak its own process group, so the trap can end all of it and only it.
setsid env JAVA_HOME="$KC_JAVA_HOME" \
  KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" \
  KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}" \
  "$KC_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$PORT" --db=dev-mem --import-realm \
  </dev/null >"$KC_LOG" 2>&1 &
KC_PID=$!

deadline=$(($(date +%s) + START_TIMEOUT))
until curl -sf -o /dev/null --max-time 2 "$BASE/realms/casegrid/.well-known/openid-configuration"; do
  if ! kill -0 "$KC_PID" 2>/dev/null; then
    tail -n 40 "$KC_LOG" >&2 || true
    die "Keycloak exited during start (log above, full log in $KC_LOG)"
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    tail -n 40 "$KC_LOG" >&2 || true
    die "realm casegrid not served after ${START_TIMEOUT} s (log above)"
  fi
  sleep 0.5
done
START_SECS="$(secs_since "$t_start")"
say "Keycloak ready, realm casegrid served: ${START_SECS} s after launch"
kc_started_line="$(grep -o 'Keycloak [0-9.]* on JVM.*started in [0-9.]*s' "$KC_LOG" | head -n 1 || true)"
[ -n "$kc_started_line" ] && say "Keycloak says: $kc_started_line"

import_ok=1
grep -q "Realm 'casegrid' imported" "$KC_LOG" || { say "log has no \"Realm 'casegrid' imported\""; import_ok=0; }
if grep -E '^[0-9-]+ [0-9:,]+ +(ERROR|WARN) ' "$KC_LOG" >"$WORK/keycloak-warnings.log"; then
  say "Keycloak logged warnings or errors during start (informational):"
  sed 's/^/    /' "$WORK/keycloak-warnings.log" >&2
fi
grep -qE '^[0-9-]+ [0-9:,]+ +ERROR ' "$KC_LOG" && { say "Keycloak logged ERRORs during start"; import_ok=0; }

# --- tokens and claims -----------------------------------------------------------------------
t_check="$(now_ms)"
checks_ok=1
python3 - "$BASE" "$REALM_FILE" <<'PY' || checks_ok=0
import base64, hashlib, json, sys, time, urllib.error, urllib.parse, urllib.request

base, realm_file = sys.argv[1], sys.argv[2]
REALM = "casegrid"
ISSUER = f"{base}/realms/{REALM}"
AUDIENCE = "casegrid"
CONSOLE_CLIENT = "casegrid-console"
# The contract the services rely on: these roles, users and machine clients must exist.
CASEGRID_ROLES = {"operator", "inspector", "dispatcher", "department-staff", "department-lead",
                  "supervisor", "leader", "admin", "open311-client", "sensor-gateway"}
DEMO_USERS = ["operator1", "inspector1", "dispatcher1", "drainage1", "drainage-lead", "water1",
              "water-lead", "hubin1", "citymgmt1", "supervisor1", "leader1", "admin1"]
MACHINE_CLIENTS = {"open311-demo-app": "open311-client", "sensor-gateway-demo": "sensor-gateway"}

failures = []  # (subject, reason)


def fail(subject, reason):
    failures.append((subject, reason))


def b64d(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def http_json(url, form=None):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(url, data=data)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        body = e.read()
        try:
            return e.code, json.loads(body)
        except ValueError:
            return e.code, {"raw": body.decode(errors="replace")[:200]}


# --- what the realm file says each subject should get ---
realm = json.load(open(realm_file, encoding="utf-8"))
realm_roles = {r["name"] for r in realm.get("roles", {}).get("realm", [])}
for missing in sorted(CASEGRID_ROLES - realm_roles):
    fail("realm file", f"realm role {missing} missing")

group_dept = {}  # group path -> department attribute (inherited from parents as Keycloak does)


def walk(groups, parent_path, parent_attrs):
    for g in groups:
        path = f"{parent_path}/{g['name']}"
        attrs = dict(parent_attrs)
        attrs.update(g.get("attributes", {}))
        if "department" in attrs:
            group_dept[path] = attrs["department"]
        walk(g.get("subGroups", []), path, attrs)


walk(realm.get("groups", []), "", {})
users = {u["username"]: u for u in realm.get("users", [])}
clients = {c["clientId"]: c for c in realm.get("clients", [])}


def expectation(user):
    roles = set(user.get("realmRoles", []))
    groups = set(user.get("groups", []))
    depts = set()
    for gp in groups:
        if gp not in group_dept and gp.startswith("/departments/"):
            fail(user["username"], f"group {gp} has no department attribute in the realm file")
        for v in group_dept.get(gp, []):
            depts.add(v)
    if len(depts) > 1:
        fail(user["username"], f"member of several departments {sorted(depts)}: claim would be ambiguous")
    return roles, groups, (next(iter(depts)) if len(depts) == 1 else None)


subjects = []  # (label, client_id, form, expected_username, roles, groups, dept)
for name in DEMO_USERS:
    u = users.get(name)
    if u is None or not any(c.get("type") == "password" for c in u.get("credentials", [])):
        fail(name, "demo user missing from the realm file, or without a password")
password = None
for name, u in users.items():
    creds = [c for c in u.get("credentials", []) if c.get("type") == "password"]
    if u.get("serviceAccountClientId") or not creds:
        continue
    roles, groups, dept = expectation(u)
    subjects.append((name, CONSOLE_CLIENT,
                     {"grant_type": "password", "client_id": CONSOLE_CLIENT, "username": name,
                      "password": creds[0]["value"], "scope": "openid"},
                     name, roles, groups, dept))
    password = password or creds[0]["value"]
for cid, role in MACHINE_CLIENTS.items():
    c = clients.get(cid)
    if c is None:
        fail(cid, "machine client missing from the realm file")
        continue
    sa = next((u for u in users.values() if u.get("serviceAccountClientId") == cid), None)
    if sa is None:
        fail(cid, "no service-account user for this client in the realm file")
        continue
    roles, groups, dept = expectation(sa)
    if role not in roles:
        fail(cid, f"service account lacks role {role} in the realm file")
    subjects.append((cid, cid,
                     {"grant_type": "client_credentials", "client_id": cid, "client_secret": c.get("secret", "")},
                     f"service-account-{cid}", roles, groups, dept))

# --- discovery and keys ---
status, disco = http_json(f"{ISSUER}/.well-known/openid-configuration")
if status != 200:
    fail("discovery", f"HTTP {status}")
    disco = {}
if disco.get("issuer") != ISSUER:
    fail("discovery", f"issuer {disco.get('issuer')!r} != {ISSUER!r}")
jwks_uri = disco.get("jwks_uri", f"{ISSUER}/protocol/openid-connect/certs")
if jwks_uri != f"{ISSUER}/protocol/openid-connect/certs":
    fail("discovery", f"jwks_uri {jwks_uri!r} is not <iss>/protocol/openid-connect/certs")
status, jwks = http_json(f"{ISSUER}/protocol/openid-connect/certs")
keys = {k.get("kid"): k for k in (jwks or {}).get("keys", []) if k.get("kty") == "RSA" and k.get("use", "sig") == "sig"}
if status != 200 or not keys:
    fail("jwks", f"HTTP {status}, no RSA signing key")
token_endpoint = disco.get("token_endpoint", f"{ISSUER}/protocol/openid-connect/token")

SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


def rs256_valid(token, jwk):
    """RSASSA-PKCS1-v1_5 with SHA-256, verified with the standard library only."""
    head, payload, sig = token.split(".")
    n = int.from_bytes(b64d(jwk["n"]), "big")
    e = int.from_bytes(b64d(jwk["e"]), "big")
    k = (n.bit_length() + 7) // 8
    em = pow(int.from_bytes(b64d(sig), "big"), e, n).to_bytes(k, "big")
    t = SHA256_DIGEST_INFO + hashlib.sha256(f"{head}.{payload}".encode()).digest()
    return em == b"\x00\x01" + b"\xff" * (k - len(t) - 3) + b"\x00" + t


rows = []
def result(label):
    return "FAIL" if any(subject == label for subject, _ in failures) else "OK"


for label, client_id, form, exp_username, exp_roles, exp_groups, exp_dept in subjects:
    status, body = http_json(token_endpoint, form)
    if status != 200 or "access_token" not in body:
        fail(label, f"token request HTTP {status}: {body.get('error')} {body.get('error_description', '')}".strip())
        rows.append((label, client_id, "-", "-", "FAIL"))
        continue
    token = body["access_token"]
    try:
        header, claims = json.loads(b64d(token.split(".")[0])), json.loads(b64d(token.split(".")[1]))
    except Exception as ex:  # noqa: BLE001
        fail(label, f"access token is not a JWT: {ex}")
        rows.append((label, client_id, "-", "-", "FAIL"))
        continue
    if header.get("alg") != "RS256":
        fail(label, f"alg {header.get('alg')} != RS256")
    kid = header.get("kid")
    if kid not in keys:
        fail(label, f"kid {kid} not in the JWKS at <iss>/protocol/openid-connect/certs")
    elif not rs256_valid(token, keys[kid]):
        fail(label, "RS256 signature does not verify with the JWKS key")
    if claims.get("iss") != ISSUER:
        fail(label, f"iss {claims.get('iss')!r} != {ISSUER!r}")
    aud = claims.get("aud")
    auds = aud if isinstance(aud, list) else [aud] if aud else []
    if AUDIENCE not in auds:
        fail(label, f"aud {aud!r} does not contain {AUDIENCE}")
    if claims.get("azp") != client_id:
        fail(label, f"azp {claims.get('azp')!r} != {client_id}")
    if not claims.get("sub"):
        fail(label, "no sub claim")
    if claims.get("preferred_username") != exp_username:
        fail(label, f"preferred_username {claims.get('preferred_username')!r} != {exp_username}")
    now = time.time()
    if not isinstance(claims.get("exp"), (int, float)) or claims["exp"] <= now:
        fail(label, f"exp {claims.get('exp')!r} missing or not in the future")
    if claims.get("typ") != "Bearer":
        fail(label, f"typ {claims.get('typ')!r} != Bearer")
    roles = claims.get("realm_access", {}).get("roles")
    if not isinstance(roles, list):
        fail(label, "no realm_access.roles")
        roles = []
    got_roles = set(roles) & CASEGRID_ROLES
    if got_roles != exp_roles:
        fail(label, f"casegrid roles {sorted(got_roles)} != expected {sorted(exp_roles)}")
    dept = claims.get("department")
    if exp_dept is None and "department" in claims:
        fail(label, f"department {dept!r} present but none expected (no single department group)")
    if exp_dept is not None and dept != exp_dept:
        fail(label, f"department {dept!r} != expected single string {exp_dept!r}")
    got_groups = claims.get("groups", [])
    if not isinstance(got_groups, list) or set(got_groups) != exp_groups:
        fail(label, f"groups {got_groups!r} != expected {sorted(exp_groups)}")
    others = sorted(set(roles) - CASEGRID_ROLES)
    role_txt = ",".join(sorted(got_roles)) + (f" (+{','.join(others)})" if others else "")
    rows.append((label, client_id, role_txt or "-", dept if dept is not None else "-",
                 result(label)))

# --- what must be refused ---
negatives = []
if password is not None:
    st, b = http_json(token_endpoint, {"grant_type": "password", "client_id": CONSOLE_CLIENT,
                                       "username": "operator1", "password": password + "-wrong"})
    negatives.append(("wrong password refused", st == 401 and "access_token" not in b, f"HTTP {st}"))
st, b = http_json(token_endpoint, {"grant_type": "client_credentials", "client_id": "open311-demo-app",
                                   "client_secret": "not-the-secret"})
negatives.append(("wrong client secret refused", st == 401 and "access_token" not in b, f"HTTP {st}"))
st, b = http_json(token_endpoint, {"grant_type": "client_credentials", "client_id": CONSOLE_CLIENT})
negatives.append(("public console client gets no client_credentials token", "access_token" not in b, f"HTTP {st}"))
for what, ok, detail in negatives:
    if not ok:
        fail(what, detail)

# --- report ---
head = ("subject", "client (azp)", "casegrid realm roles", "department", "result")
widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(5)]
line = lambda r: "  ".join(str(v).ljust(widths[i]) for i, v in enumerate(r)).rstrip()
print()
print(f"issuer {ISSUER}  audience {AUDIENCE}  signing keys {', '.join(keys) or '-'}")
print(line(head))
print(line(["-" * w for w in widths]))
for r in rows:
    print(line(r))
print()
for what, ok, detail in negatives:
    print(f"{'OK  ' if ok else 'FAIL'} {what} ({detail})")
if failures:
    print()
    print("failures:")
    for subject, reason in failures:
        print(f"  {subject}: {reason}")
ok_rows = sum(1 for r in rows if r[4] == "OK")
print()
print(f"tokens: {ok_rows} passed, {len(rows) - ok_rows} failed")
sys.exit(1 if failures else 0)
PY
say "token checks: $(secs_since "$t_check") s"

# --- optional: a running casegrid service -----------------------------------------------------
service_ok=1
if [ -n "${CASEGRID_INTAKE_URL:-}" ]; then
  code="$(curl -s -o "$WORK/intake-health.json" -w '%{http_code}' --max-time 10 "${CASEGRID_INTAKE_URL%/}/q/health" || true)"
  if [ "$code" = "200" ]; then
    say "intake health at $CASEGRID_INTAKE_URL: HTTP 200 $(tr -d '\n ' <"$WORK/intake-health.json" | cut -c1-120)"
  else
    [ "${code:-000}" = "000" ] && code="no answer"
    say "intake health at $CASEGRID_INTAKE_URL: FAIL (HTTP $code)"
    service_ok=0
  fi
fi

if [ "$import_ok" != 1 ] || [ "$checks_ok" != 1 ]; then
  die "the realm did not pass in Keycloak $KC_VERSION (see above; Keycloak log in ${KC_LOG#"$ROOT"/})"
fi
say "PASS: realm casegrid works in Keycloak $KC_VERSION (start ${START_SECS} s)"
[ "$service_ok" = 1 ] || die "the realm passed, but the intake service at $CASEGRID_INTAKE_URL is not healthy"
