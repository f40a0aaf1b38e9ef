"""Real SPARQL servers for the engine tests, started on 127.0.0.1 with free ports and their own
temporary directories: `oxigraph serve` (conftest.start_oxigraph) and OpenLink Virtuoso 7
(`virtuoso-t`, Debian package virtuoso-opensource), with a test user allowed SPARQL Update and the
Graph Store Protocol. Used by the fixtures of conftest.py and by bench/upload.py."""
from __future__ import annotations

import csv
import io
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

VIRTUOSO_INSTALL = "apt-get install virtuoso-opensource"
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dkgtest", "dkg-test-pw"
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")  # the package's HTTP root (plugins; no pages needed)

# 8 KB pages; the package's 10,000 suits a 1,000-document graph; bench/upload.py raises it.
INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
MaxQueryMem = 1G
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
{parameters}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
ServerThreads = 10
MaxClientConnections = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
; no row cap (the default 10,000 would cut large answers) and no "anytime" partial answers
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
"""

# The test user: SPARQL_UPDATE lets /sparql-auth run updates and /sparql-graph-crud-auth write;
# 15 = read, write, sparql-update and list rights on every graph (graph-level security).
SETUP_SQL = f"""
DB.DBA.USER_CREATE('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}');
GRANT SPARQL_UPDATE TO "{VIRTUOSO_USER}";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET('{VIRTUOSO_USER}', 15);
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_load(binary: str, directory: Path, ntriples: Path, timeout: float = 900) -> None:
    """Oxigraph's own bulk loader (`oxigraph load`) of an N-Triples file into the default graph of
    a store directory, before a server serves it (the loader locks the directory)."""
    run = subprocess.run([binary, "load", "--location", str(directory), "--file", str(ntriples), "--lenient"],
                         capture_output=True, text=True, timeout=timeout)
    if run.returncode != 0:
        raise RuntimeError(f"oxigraph load failed on {ntriples}: {run.stderr[-500:]}")


def virtuoso_binaries() -> tuple[str, str] | None:
    """(virtuoso-t, isql) or None when Virtuoso is not installed (Debian names isql `isql-vt`)."""
    server = shutil.which("virtuoso-t")
    isql = shutil.which("isql-vt") or shutil.which("isql-v")
    return (server, isql) if server and isql else None


@dataclass
class VirtuosoServer:
    base: str
    sql_port: int
    directory: Path
    process: subprocess.Popen
    isql: str
    system_graphs: frozenset[str] = field(default=frozenset())

    user, password = VIRTUOSO_USER, VIRTUOSO_PASSWORD
    name = "virtuoso"

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    def sql(self, statements: str, timeout: float = 60) -> str:
        """Run SQL through isql as dba (the fresh database's password)."""
        run = subprocess.run([self.isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", "VERBOSE=OFF", "BANNER=OFF",
                              "PROMPT=OFF", "ERRORS=STDOUT"], input=statements + "\nEXIT;\n", capture_output=True,
                             text=True, timeout=timeout)
        if run.returncode != 0 or "*** Error" in run.stdout:
            raise RuntimeError(f"isql failed: {run.stdout[-500:]} {run.stderr[-500:]}")
        return run.stdout

    def select(self, query: str, default_graph: str | None = None) -> list[list[str]]:
        """Rows of a SELECT as CSV cells, read anonymously through /sparql."""
        params = {"query": query, **({"default-graph-uri": default_graph} if default_graph else {})}
        req = urllib.request.Request(f"{self.query_url}?{urllib.parse.urlencode(params)}",
                                     headers={"Accept": "text/csv"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return list(csv.reader(io.StringIO(r.read().decode())))[1:]

    def graph_sizes(self) -> dict[str, int]:
        """Triples per named graph, those of the system (present at start) left out. Read in SQL:
        Virtuoso 7 takes ~40 s for `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }` over HTTP on
        a 10,000-triple store, the quad table's graph index answers in 10 ms."""
        out = self.sql("SELECT ID_TO_IRI(G), COUNT(*) FROM DB.DBA.RDF_QUAD GROUP BY G;")
        sizes = {}
        for line in out.splitlines():
            cells = line.split()
            if len(cells) == 2 and cells[1].isdigit() and ":" in cells[0]:  # an IRI and its count
                sizes[cells[0]] = int(cells[1])
        return {g: n for g, n in sizes.items() if g not in self.system_graphs}

    def graphs(self) -> list[str]:
        return sorted(self.graph_sizes())

    def reset(self) -> None:
        """Drop every graph the tests wrote, keeping the system's."""
        graphs = self.graphs()
        if graphs:
            self.sql("\n".join(f"SPARQL CLEAR GRAPH <{g}>;" for g in graphs))

    def bulk_load(self, ntriples: Path, graph: str, timeout: float = 900) -> None:
        """Virtuoso's own bulk loader (`ld_dir` + `rdf_loader_run()`, no transaction log) of an
        N-Triples file into `graph`; the file is copied into the server's directory (DirsAllowed)."""
        name = f"load-{uuid.uuid4().hex}.nt"
        shutil.copyfile(ntriples, self.directory / name)
        try:
            self.sql(f"ld_dir('{self.directory}', '{name}', '{graph}');\nrdf_loader_run();\ncheckpoint;", timeout)
            errors = self.sql(f"SELECT ll_error FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '%{name}' "
                              "AND ll_error IS NOT NULL;")
        finally:
            (self.directory / name).unlink()
        if errors.strip():  # isql (VERBOSE=OFF) prints nothing for no row
            raise RuntimeError(f"Virtuoso's bulk loader failed on {ntriples}: {errors[-500:]}")

    def stop(self) -> None:
        self.process.terminate()  # SIGTERM: Virtuoso checkpoints and exits
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_virtuoso(directory: Path, buffers: int = 10000, ready_within: float = 90,
                   parameters: Mapping[str, str | int] | None = None) -> VirtuosoServer:
    """virtuoso-t in the foreground with its own database in `directory`, HTTP and SQL on free ports
    of 127.0.0.1, the test user created; raises RuntimeError (with the log's end) if it does not
    answer within `ready_within` seconds. `parameters`: more lines of the ini's [Parameters] (e.g.
    TransactionAfterImageLimit). Call `.stop()` after."""
    found = virtuoso_binaries()
    if not found:
        raise FileNotFoundError(f"Virtuoso is not installed ({VIRTUOSO_INSTALL})")
    server_bin, isql = found
    directory.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(INI.format(d=directory, sql_port=sql_port, http_port=http_port, buffers=buffers,
                              dirty=buffers * 3 // 4, vsp=VSP if VSP.is_dir() else directory,
                              parameters="".join(f"{k} = {v}\n" for k, v in (parameters or {}).items())))
    proc = subprocess.Popen([server_bin, "+foreground", "+configfile", str(ini)], cwd=directory,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = VirtuosoServer(f"http://127.0.0.1:{http_port}", sql_port, directory, proc, isql)
    deadline = time.monotonic() + ready_within
    while True:
        try:
            urllib.request.urlopen(f"{server.query_url}?query=ASK%7B%7D", timeout=2).read()
            break
        except (OSError, urllib.error.URLError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log = directory / "virtuoso.log"
                tail = log.read_text(errors="replace")[-800:] if log.exists() else "(no log)"
                raise RuntimeError(f"virtuoso-t did not start within {ready_within:g} s: {tail}") from None
            time.sleep(0.2)
    known = directory / "system-graphs.txt"  # written at the first start: a restart keeps the database
    try:
        if not known.exists():
            server.sql(SETUP_SQL)
            known.write_text("\n".join(server.graphs()))
        server.system_graphs = frozenset(known.read_text().split())
    except Exception:
        server.stop()
        raise
    return server
