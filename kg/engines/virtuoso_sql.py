"""SQL statements on Virtuoso's SQL port through its own ODBC driver, with the password never on a command line.

``isql`` takes the password only as a command-line argument (``isql host:port user password``; its prompt, when
the argument is left out, reads the password unreliably from a pipe), and a command line is readable by every
user of the machine (``ps``, ``/proc/PID/cmdline``). So the administration statements of :mod:`kg.engines.virtuoso`
(bulk loads, checkpoints, the version pointer) go through Virtuoso's ODBC driver (Debian ``libvirtodbc0``, which
``virtuoso-opensource`` depends on), loaded with ``ctypes`` into this process: the password travels only inside
the connection string handed to the driver in memory.

A script is what isql would be given: statements each ended by ``;`` at the end of a line. ``set autocommit
manual`` turns autocommit off for the rest of the script (``commit work`` is plain SQL). The result rows of every
statement are returned as text, one line per row, columns separated by tabs.
"""

from __future__ import annotations

import ctypes
import threading
from pathlib import Path

from kg.engines import EngineError

DRIVERS = ("/usr/lib/x86_64-linux-gnu/odbc/virtodbc_r.so", "/usr/lib/aarch64-linux-gnu/odbc/virtodbc_r.so",
           "/usr/lib/odbc/virtodbc_r.so", "virtodbc_r.so")

SQL_HANDLE_ENV, SQL_HANDLE_DBC, SQL_HANDLE_STMT = 1, 2, 3
SQL_SUCCESS, SQL_SUCCESS_WITH_INFO, SQL_NO_DATA = 0, 1, 100
SQL_NTS = -3
SQL_ATTR_ODBC_VERSION, SQL_OV_ODBC3 = 200, 3
SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF = 102, 0
SQL_ATTR_LOGIN_TIMEOUT = 103
SQL_ATTR_QUERY_TIMEOUT = 0
SQL_IS_UINTEGER = -5
SQL_DRIVER_NOPROMPT = 0
SQL_C_CHAR = 1
SQL_NULL_DATA = -1
SQL_COMMIT = 0

_lib: ctypes.CDLL | None = None
_lib_lock = threading.Lock()


def driver() -> ctypes.CDLL:
    """Virtuoso's (thread-safe) ODBC driver library, loaded once."""
    global _lib
    with _lib_lock:
        if _lib is None:
            errors = []
            for name in DRIVERS:
                if "/" in name and not Path(name).exists():
                    continue
                try:
                    _lib = _declare(ctypes.CDLL(name))
                    break
                except OSError as e:
                    errors.append(str(e))
            else:
                raise EngineError("Virtuoso's ODBC driver (virtodbc_r.so, Debian package libvirtodbc0) is not "
                                  "installed: run `make virtuoso-deps`" + (f" ({errors[-1]})" if errors else ""))
        return _lib


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    """The argument types of the ODBC calls used (64-bit lengths and handles must not pass as C ints)."""
    h, i, s, us, ln = ctypes.c_void_p, ctypes.c_int, ctypes.c_short, ctypes.c_ushort, ctypes.c_long
    signatures = {
        "SQLAllocHandle": (s, h, ctypes.POINTER(h)), "SQLFreeHandle": (s, h), "SQLDisconnect": (h,),
        "SQLSetEnvAttr": (h, i, h, i), "SQLSetConnectAttr": (h, i, h, i), "SQLSetStmtAttr": (h, i, h, i),
        "SQLDriverConnect": (h, h, ctypes.c_char_p, s, ctypes.c_char_p, s, ctypes.POINTER(s), us),
        "SQLExecDirect": (h, ctypes.c_char_p, i), "SQLNumResultCols": (h, ctypes.POINTER(s)), "SQLFetch": (h,),
        "SQLGetData": (h, us, s, h, ln, ctypes.POINTER(ln)), "SQLEndTran": (s, h, s),
        "SQLGetDiagRec": (s, h, s, ctypes.c_char_p, ctypes.POINTER(i), ctypes.c_char_p, s, ctypes.POINTER(s)),
    }
    for name, args in signatures.items():
        fn = getattr(lib, name)
        fn.argtypes = args
        fn.restype = s
    return lib


def statements(script: str) -> list[str]:
    """The statements of an isql-style script (each ends with ``;`` at the end of a line)."""
    out, current = [], []
    for line in script.splitlines():
        current.append(line)
        if line.rstrip().endswith(";"):
            text = "\n".join(current).strip()
            out.append(text[:-1].rstrip())
            current = []
    rest = "\n".join(current).strip()
    if rest:
        out.append(rest)
    return [s for s in out if s]


class SqlSession:
    """One connection to Virtuoso's SQL port (``host:port``) as ``user``."""

    def __init__(self, address: str, user: str, password: str, timeout: float | None = None) -> None:
        self.address = address
        lib = self.lib = driver()
        self.env = ctypes.c_void_p()
        self.dbc = ctypes.c_void_p()
        self._check(lib.SQLAllocHandle(SQL_HANDLE_ENV, None, ctypes.byref(self.env)), None, 0, "allocate")
        lib.SQLSetEnvAttr(self.env, SQL_ATTR_ODBC_VERSION, ctypes.c_void_p(SQL_OV_ODBC3), 0)
        self._check(lib.SQLAllocHandle(SQL_HANDLE_DBC, self.env, ctypes.byref(self.dbc)), self.env, SQL_HANDLE_ENV,
                    "allocate")
        if timeout:
            lib.SQLSetConnectAttr(self.dbc, SQL_ATTR_LOGIN_TIMEOUT, ctypes.c_void_p(max(1, int(timeout))),
                                  SQL_IS_UINTEGER)
        for ch in ";{}":
            if ch in user or ch in password:
                raise EngineError(f"a Virtuoso user name or password may not contain {ch!r} (ODBC connection string)")
        conn = f"HOST={address};UID={user};PWD={password}".encode()
        out = ctypes.create_string_buffer(1024)
        n = ctypes.c_short()
        try:
            self._check(lib.SQLDriverConnect(self.dbc, None, conn, SQL_NTS, out, 1024, ctypes.byref(n),
                                             SQL_DRIVER_NOPROMPT), self.dbc, SQL_HANDLE_DBC, "connect")
        except EngineError:
            self._free()
            raise
        self.connected = True

    def _diag(self, handle: ctypes.c_void_p | None, kind: int) -> str:
        if handle is None:
            return ""
        state = ctypes.create_string_buffer(6)
        native = ctypes.c_int()
        msg = ctypes.create_string_buffer(2048)
        n = ctypes.c_short()
        if self.lib.SQLGetDiagRec(kind, handle, 1, state, ctypes.byref(native), msg, 2048, ctypes.byref(n)) in (
                SQL_SUCCESS, SQL_SUCCESS_WITH_INFO):
            return f"{state.value.decode('ascii', 'replace')}: {msg.value.decode('utf-8', 'replace')}"
        return ""

    def _check(self, rc: int, handle: ctypes.c_void_p | None, kind: int, what: str) -> int:
        if rc in (SQL_SUCCESS, SQL_SUCCESS_WITH_INFO, SQL_NO_DATA):
            return rc
        raise EngineError(f"Virtuoso at {self.address}: {what} failed: {self._diag(handle, kind) or f'code {rc}'}")

    def run(self, script: str, timeout: float | None = None) -> str:
        """Run an isql-style script; the rows of its statements as text. Raises EngineError on the first error."""
        lines: list[str] = []
        for sql in statements(script):
            if sql.lower().split() == ["set", "autocommit", "manual"]:
                self._check(self.lib.SQLSetConnectAttr(self.dbc, SQL_ATTR_AUTOCOMMIT,
                                                       ctypes.c_void_p(SQL_AUTOCOMMIT_OFF), SQL_IS_UINTEGER),
                            self.dbc, SQL_HANDLE_DBC, "set autocommit manual")
                continue
            lines += self._execute(sql, timeout)
        return "".join(line + "\n" for line in lines)

    def _execute(self, sql: str, timeout: float | None) -> list[str]:
        lib = self.lib
        stmt = ctypes.c_void_p()
        self._check(lib.SQLAllocHandle(SQL_HANDLE_STMT, self.dbc, ctypes.byref(stmt)), self.dbc, SQL_HANDLE_DBC,
                    "allocate")
        try:
            if timeout:
                lib.SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT, ctypes.c_void_p(max(1, int(timeout))),
                                   SQL_IS_UINTEGER)
            rc = lib.SQLExecDirect(stmt, sql.encode("utf-8"), SQL_NTS)
            if rc not in (SQL_SUCCESS, SQL_SUCCESS_WITH_INFO, SQL_NO_DATA):
                raise EngineError(f"Virtuoso at {self.address}: *** Error {self._diag(stmt, SQL_HANDLE_STMT)}\n"
                                  f"in: {sql[:300]}")
            rows: list[str] = []
            ncols = ctypes.c_short()
            lib.SQLNumResultCols(stmt, ctypes.byref(ncols))
            if ncols.value <= 0:
                return rows
            buf = ctypes.create_string_buffer(1 << 16)
            ind = ctypes.c_long()
            while lib.SQLFetch(stmt) in (SQL_SUCCESS, SQL_SUCCESS_WITH_INFO):
                cells = []
                for col in range(1, ncols.value + 1):
                    parts = []
                    while True:
                        rc = lib.SQLGetData(stmt, col, SQL_C_CHAR, buf, len(buf), ctypes.byref(ind))
                        if rc == SQL_NO_DATA or rc not in (SQL_SUCCESS, SQL_SUCCESS_WITH_INFO):
                            break
                        if ind.value == SQL_NULL_DATA:
                            parts.append("NULL")
                            break
                        parts.append(buf.value.decode("utf-8", "replace"))
                        if rc == SQL_SUCCESS:
                            break
                    cells.append("".join(parts))
                rows.append("\t".join(cells))
            return rows
        finally:
            lib.SQLFreeHandle(SQL_HANDLE_STMT, stmt)

    def commit(self) -> None:
        self._check(self.lib.SQLEndTran(SQL_HANDLE_DBC, self.dbc, SQL_COMMIT), self.dbc, SQL_HANDLE_DBC, "commit")

    def _free(self) -> None:
        if self.dbc:
            self.lib.SQLFreeHandle(SQL_HANDLE_DBC, self.dbc)
            self.dbc = ctypes.c_void_p()
        if self.env:
            self.lib.SQLFreeHandle(SQL_HANDLE_ENV, self.env)
            self.env = ctypes.c_void_p()

    def close(self) -> None:
        if getattr(self, "connected", False):
            self.lib.SQLDisconnect(self.dbc)
            self.connected = False
        self._free()

    def __enter__(self) -> SqlSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_script(address: str, user: str, password: str, script: str, timeout: float | None = None) -> str:
    """Connect, run an isql-style script, disconnect (see :class:`SqlSession`)."""
    with SqlSession(address, user, password, timeout) as session:
        return session.run(script, timeout)
