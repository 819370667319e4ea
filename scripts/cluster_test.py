"""scripts/cluster-test's body: deploy/ brought up on loopback, loaded, faulted, counted (see scripts/cluster-test)."""
import http.client, os, re, shlex, signal, socket, sqlite3, subprocess, sys, threading, time

root, bin_dir, work = sys.argv[1], sys.argv[2], sys.argv[3]
bench = "--bench" in sys.argv[4:]
started = time.monotonic()
deadline = started + (240 if bench else 150)
children = []


def log(message):
    print(f"[{time.monotonic() - started:5.1f}s] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(argv, **kwargs):
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kwargs).stdout


def get(port, path, source="127.0.0.1", timeout=5):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_for(what, check, seconds=30):
    limit = time.monotonic() + seconds
    while time.monotonic() < limit:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"cluster-test: {what} did not happen within {seconds} s")


# The site's settings: deploy/portatlas.env with this machine's values, as /etc/portatlas/portatlas.env.
pg_dir, etc, var = f"{work}/pg", f"{work}/etc", f"{work}/var"
os.makedirs(etc), os.makedirs(var)
pg_port = free_port()
server_url = run([f"{root}/scripts/postgres-server", "start", pg_dir, str(pg_port)]).strip()
children.append(("postgres", None))
run(["psql", "-q", server_url, "-c", "CREATE DATABASE portatlas"])
votes_url = server_url.replace("/postgres?", "/portatlas?")
values = {
    "PORTATLAS_VOTES_URL": votes_url,
    "PORTATLAS_HOST": "127.0.0.1",
    "PORTATLAS_PROXY": "127.0.0.1",
    "PORTATLAS_BASE_URL": "",
    "PORTATLAS_UPDATE_ARGS": f"--from {root}/Tests/Fixtures/registry-small.xml",
}
environment = {}
with open(f"{root}/deploy/portatlas.env") as template, open(f"{etc}/portatlas.env", "w") as rendered:
    for line in template:
        name = line.split("=", 1)[0].strip()
        if line.strip() and not line.startswith("#"):
            if name not in values:
                sys.exit(f"cluster-test: deploy/portatlas.env sets {name}, which this test does not know")
            line = f"{name}={values[name]}\n"
            environment[name] = values[name]
        rendered.write(line)
missing = set(values) - set(environment)
if missing:
    sys.exit(f"cluster-test: deploy/portatlas.env lacks {sorted(missing)}")
# The export of a debug build is slow: a slice of the ports, enough for the pages this test asks for.
environment["PORTATLAS_EXPORT_ARGS"] = "--ports 3300-3400"
environment["PATH"] = os.environ["PATH"]
environment["PORTATLAS_BIN"] = f"{bin_dir}/portatlas"
places = {
    "/usr/local/bin/portatlas": f"{bin_dir}/portatlas",
    "/usr/local/lib/portatlas/refresh-site": f"{root}/deploy/refresh-site",
    "/var/lib/portatlas": var,
    "/etc/portatlas": etc,
}


def commands(unit, instance=""):
    """A unit's ExecStart lines as argument lists, as systemd expands them: %i, ${VAR} one word, $VAR split."""
    result = []
    for line in open(f"{root}/deploy/systemd/{unit}"):
        if not line.startswith("ExecStart="):
            continue
        words = []
        for word in shlex.split(line[len("ExecStart="):]):
            word = word.replace("%i", instance)
            for path, here in places.items():
                word = word.replace(path, here)
            whole = re.fullmatch(r"\$([A-Z_]+)", word)
            if whole:
                words += environment.get(whole.group(1), "").split()
                continue
            words.append(re.sub(r"\$\{([A-Z_]+)\}", lambda m: environment.get(m.group(1), ""), word))
        result.append(words)
    if not result:
        sys.exit(f"cluster-test: deploy/systemd/{unit} has no ExecStart")
    return result


# The update unit: import the registry, then the static export, compressed, behind the `site` link.
for argv in commands("portatlas-update.service"):
    run(argv, env=environment)
site = f"{var}/site"
page_file = f"{site}/en/ports/3331/index.html"
if not (os.path.exists(page_file) and os.path.exists(page_file + ".gz")):
    sys.exit("cluster-test: the update unit wrote no compressed export")
log("registry imported, static export written and compressed")

# Three replicas, each as portatlas-serve@PORT runs it.
replica_ports = [free_port() for _ in range(3)]
replicas = {}


def start_replica(port):
    output = open(f"{work}/replica-{port}.log", "ab")
    argv = commands("portatlas-serve@.service", str(port))[0]
    replicas[port] = subprocess.Popen(argv, env=environment, stdout=output, stderr=output, start_new_session=True)


def health(port):
    status, body = get(port, "/healthz", timeout=2)
    return body.decode() if status == 200 else ""


for port in replica_ports:
    start_replica(port)
for port in replica_ports:
    wait_for(f"replica {port} with votes available", lambda: '"votes":"available"' in health(port))
log(f"three replicas on {replica_ports}, votes in PostgreSQL")


# nginx in front, with deploy/nginx/portatlas.conf as deploy/render fills it in.
def start_nginx(name, upstreams):
    folder = f"{work}/{name}"
    os.makedirs(f"{folder}/logs")
    port = free_port()
    rendered = run([f"{root}/deploy/render", "nginx", site, f"127.0.0.1:{port}", "localhost"] + [f"127.0.0.1:{p}" for p in upstreams])
    open(f"{folder}/portatlas.conf", "w").write(rendered)
    user = "user root;" if os.geteuid() == 0 else ""
    open(f"{folder}/nginx.conf", "w").write(f"""{user}
worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/portatlas.conf;
}}
""")
    nginx = "nginx" if subprocess.run(["which", "nginx"], capture_output=True).returncode == 0 else "/usr/sbin/nginx"
    subprocess.run([nginx, "-p", folder, "-c", f"{folder}/nginx.conf"], check=True)
    children.append(("nginx", f"{folder}/nginx.pid"))
    wait_for(f"nginx ({name})", lambda: get(port, "/healthz")[0] == 200)
    return port


front = start_nginx("nginx", replica_ports)
status, body = get(front, "/en/ports/3331")
disk = open(page_file, "rb").read()
if status != 200 or body != disk:
    sys.exit("cluster-test: nginx did not send the exported page from disk")
connection = http.client.HTTPConnection("127.0.0.1", front, timeout=5)
connection.request("GET", "/en/ports/3331", headers={"Accept-Encoding": "gzip"})
response = connection.getresponse()
response.read()
if response.getheader("Content-Encoding") != "gzip":
    sys.exit("cluster-test: nginx did not send the precompressed page (gzip_static)")
connection.close()
log(f"nginx on {front}: pages from disk (gzip_static), the rest from the replicas")

static_page = "/en/ports/3331"
replica_page = "/en/ports/3331?from=replica"


def wrk(port, path, seconds, connections=16, threads=1, script=None, env=None):
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "--latency"]
    if script:
        argv += ["-s", script]
    output = subprocess.run(argv + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, env=env).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_ok.group(1)) if non_ok else 0
    p99 = re.search(r"99%\s+([\d.]+\w+)", output)
    return {"requests": requests, "rate": rate, "errors": errors, "p99": p99.group(1) if p99 else "?"}


def psql(sql, url=votes_url):
    return run(["psql", "-qtA", url, "-c", sql]).strip()


measured = {}
if bench:
    # The same page: nginx from disk (the ceiling) against nginx proxying to one replica (its cache holds it).
    single = start_nginx("nginx-one", replica_ports[:1])
    get(single, replica_page)
    for round in range(2):
        measured.setdefault("disk", []).append(wrk(front, static_page, 8, 64, 2))
        measured.setdefault("replica", []).append(wrk(single, replica_page, 8, 64, 2))
    # Votes per second, committed: one server with its SQLite file, and the three replicas on PostgreSQL.
    # wrk posts straight to the servers with a new X-Forwarded-For each time (no limit is met); the count
    # committed is read from the stores afterwards.
    script = f"{work}/vote.lua"
    open(script, "w").write("""
local n = 0
local base = tonumber(os.getenv("VOTER_BASE") or "0")
request = function()
  n = n + 1
  local id = base + n
  local address = string.format("10.%d.%d.%d", math.floor(id / 65536) % 256, math.floor(id / 256) % 256, id % 256)
  return wrk.format("POST", "/en/ports/" .. (id % 65000 + 1) .. "/vote",
    {["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-For"] = address}, "helpful=yes")
end
""")
    sqlite_store = f"{work}/sqlite-one"
    os.makedirs(sqlite_store)
    run([f"{bin_dir}/portatlas-update", "--from", f"{root}/Tests/Fixtures/registry-small.xml", "--db", f"{sqlite_store}/store.sqlite"])
    sqlite_port = free_port()
    one = subprocess.Popen(
        [f"{bin_dir}/portatlas-serve", "serve", "--port", str(sqlite_port), "--db", f"{sqlite_store}/store.sqlite", "--trusted-proxy", "127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={"PATH": os.environ["PATH"]},
    )
    wait_for("the SQLite server", lambda: '"votes":"available"' in health(sqlite_port))
    result = wrk(sqlite_port, "/", 8, 32, 1, script, {**os.environ, "VOTER_BASE": "0"})
    with sqlite3.connect(f"{sqlite_store}/store.sqlite") as database:
        count = database.execute("SELECT count(*) FROM vote").fetchone()[0]
    one.send_signal(signal.SIGTERM)
    one.wait(10)
    measured["sqlite votes"] = (result, count)
    before = int(psql("SELECT count(*) FROM vote"))
    results = [None] * 3

    def post(index):
        results[index] = wrk(replica_ports[index], "/", 8, 16, 1, script, {**os.environ, "VOTER_BASE": str(3_000_000 * (index + 1))})

    threads = [threading.Thread(target=post, args=(i,)) for i in range(3)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    committed = int(psql("SELECT count(*) FROM vote")) - before
    measured["postgres votes"] = (results, committed)
    psql("TRUNCATE vote, vote_client")
    log("bench done")

# The fault run: load on pages, a stream of votes, kill -9 a replica, restart PostgreSQL.
lock = threading.Lock()
phase = ["steady"]
votes = []  # (phase, outcome, comment)
stop = threading.Event()
clients = [f"127.0.{a}.{b}" for a in range(1, 5) for b in range(1, 255)]
next_client = [0]


def voter(worker):
    sequence = 0
    while not stop.is_set() and time.monotonic() < deadline:
        with lock:
            client = clients[next_client[0] % len(clients)]
            next_client[0] += 1
            round = next_client[0] // len(clients)
        sequence += 1
        comment = f"cluster-{worker}-{sequence}"
        # Each client votes on a page of its own per round: no limit is met (30 an hour, one a page a day).
        body = f"helpful=yes&comment={comment}"
        current = phase[0]
        try:
            connection = http.client.HTTPConnection("127.0.0.1", front, timeout=10, source_address=(client, 0))
            connection.request("POST", f"/en/ports/{3300 + round % 100}/vote", body=body,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
            response = connection.getresponse()
            answer = response.read()
            location = response.getheader("Location") or ""
            connection.close()
            if response.status == 303 and "voted=recorded" in location:
                outcome = "acknowledged"
            elif response.status == 303 and "voted=limited" in location:
                outcome = "limited"
            elif response.status >= 500 and response.status not in (502, 503):
                outcome = f"status {response.status}"
                with open(f"{work}/vote-errors.log", "a") as errors:
                    errors.write(f"{current} {response.status} {answer[:300]!r}\n")
            else:
                outcome = f"status {response.status}"
        except OSError as error:
            outcome = f"error {type(error).__name__}"
            with open(f"{work}/vote-errors.log", "a") as errors:
                errors.write(f"{current} {client} {error!r}\n")
        with lock:
            votes.append((current, outcome, comment))
        time.sleep(0.01)


health_seen = set()


def watch_health():
    while not stop.is_set():
        try:
            text = health(replica_ports[0])
            health_seen.add((phase[0], "unavailable" if "unavailable" in text else "available"))
        except OSError:
            pass
        time.sleep(0.2)


pages = {}


def load(name, seconds):
    phase[0] = name
    pages[name] = wrk(front, replica_page, seconds, 16, 1)


workers = [threading.Thread(target=voter, args=(i,)) for i in range(6)]
watcher = threading.Thread(target=watch_health)
for thread in workers + [watcher]:
    thread.start()

load("steady", 4)

victim = replica_ports[1]
killer = threading.Timer(1.0, lambda: replicas[victim].send_signal(signal.SIGKILL))
restarter = threading.Timer(2.5, lambda: start_replica(victim))
killer.start(), restarter.start()
load("replica killed", 8)
wait_for("the killed replica back", lambda: '"votes":"available"' in health(victim))

restarting = threading.Timer(1.0, lambda: run([f"{root}/scripts/postgres-server", "restart", pg_dir]))
restarting.start()
load("PostgreSQL restart", 8)
restarting.join()
stop.set()
for thread in workers + [watcher]:
    thread.join()
for port in replica_ports:
    wait_for(f"replica {port} with votes available again", lambda: '"votes":"available"' in health(port))

found = set(psql("SELECT comment FROM vote WHERE comment LIKE 'cluster-%'").split())
acknowledged = [c for _, outcome, c in votes if outcome == "acknowledged"]
lost = [c for c in acknowledged if c not in found]
phases = ["steady", "replica killed", "PostgreSQL restart"]


def vote_errors(name):
    return [o for p, o, _ in votes if p == name and o != "acknowledged"]


print()
if bench:
    for name in ("disk", "replica"):
        print(f"bench: page {name}: " + ", ".join(f"{r['rate']:.0f} req/s (p99 {r['p99']})" for r in measured[name]))
    sqlite_result, sqlite_count = measured["sqlite votes"]
    print(f"bench: votes, SQLite, one server: {sqlite_count / 8:.0f} committed/s ({sqlite_count} in 8 s; wrk: {sqlite_result['rate']:.0f} answered/s, p99 {sqlite_result['p99']}, errors {sqlite_result['errors']})")
    pg_results, pg_count = measured["postgres votes"]
    rate = sum(r["rate"] for r in pg_results)
    print(f"bench: votes, PostgreSQL, three replicas: {pg_count / 8:.0f} committed/s ({pg_count} in 8 s; wrk: {rate:.0f} answered/s, p99 {'/'.join(r['p99'] for r in pg_results)}, errors {sum(r['errors'] for r in pg_results)})")
for name in phases:
    errors = vote_errors(name)
    kinds = sorted(set(errors))
    print(f"phase {name}: page requests {pages[name]['requests']}, page errors {pages[name]['errors']}; "
          f"votes {sum(1 for p, _, _ in votes if p == name)}, vote errors {len(errors)} {kinds if kinds else ''}")
print(f"healthz during the PostgreSQL restart: {sorted(s for p, s in health_seen if p == 'PostgreSQL restart')}")
summary = (f"cluster: requests {sum(p['requests'] for p in pages.values())}, "
           f"errors seen by clients: replica killed {pages['replica killed']['errors']} pages + {len(vote_errors('replica killed'))} votes, "
           f"PostgreSQL restart {pages['PostgreSQL restart']['errors']} pages + {len(vote_errors('PostgreSQL restart'))} votes; "
           f"votes acknowledged {len(acknowledged)}, found in PostgreSQL {len(found)}, lost {len(lost)}")
print(summary)


def cleanup():
    for process in replicas.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in replicas.values():
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
    for kind, pidfile in children:
        if kind == "nginx" and os.path.exists(pidfile):
            os.kill(int(open(pidfile).read().strip()), signal.SIGQUIT)
    subprocess.run([f"{root}/scripts/postgres-server", "stop", pg_dir], capture_output=True)


cleanup()
failed = []
if lost:
    failed.append(f"{len(lost)} acknowledged votes are not in PostgreSQL: {lost[:5]}")
if len(acknowledged) < 50:
    failed.append(f"only {len(acknowledged)} votes were acknowledged")
if pages["steady"]["errors"] or vote_errors("steady"):
    failed.append("errors while nothing was failing")
if failed:
    sys.exit("cluster-test: " + "; ".join(failed))
