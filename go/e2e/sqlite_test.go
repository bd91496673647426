package e2e

import (
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestOneSQLiteSymbol: the binary defines sqlite3_open_v2 exactly once. Two SQLite copies
// in one process break SQLite's file locking (see TOOLCHAIN.md), so the Rust engine must
// bind to go-sqlite3's copy.
func TestOneSQLiteSymbol(t *testing.T) {
	nm, err := exec.LookPath("nm")
	if err != nil {
		t.Fatalf("nm is not on PATH (binutils): %v", err)
	}
	out, err := runWithTimeout(exec.Command(nm, binary), 2*time.Minute)
	if err != nil {
		t.Fatalf("nm %s: %v\n%s", binary, err, clip(out))
	}
	var defs []string
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		// "<addr> T sqlite3_open_v2"; Go may decorate names, so match the suffix exactly.
		if len(f) == 3 && (f[2] == "sqlite3_open_v2" || strings.HasSuffix(f[2], ".sqlite3_open_v2")) {
			if f[1] == "T" || f[1] == "t" {
				defs = append(defs, line)
			}
		}
	}
	if len(defs) != 1 {
		t.Errorf("nm %s: want exactly one defined (T) sqlite3_open_v2, got %d:\n%s",
			binary, len(defs), strings.Join(defs, "\n"))
	}
}

// TestOneSQLiteVersion: both engines run the same SQLite: INFO's sqlite_version on each Rust
// path equals the Go path's.
func TestOneSQLiteVersion(t *testing.T) {
	versions := map[string]string{}
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		v := mustParse(t, c.do("INFO", "sqlettuce"))
		fields, _ := infoFields(v.str)
		ver := fields["sqlite_version"]
		if !regexpMatch(`^3\.[0-9]+\.[0-9]+$`, ver) {
			t.Errorf("INFO sqlettuce: sqlite_version %q does not look like a SQLite version; section:\n%s", ver, v.str)
		}
		versions[p.name] = ver
	})
	goVer := versions["go"]
	for _, p := range paths {
		if p.name != "go" && versions[p.name] != goVer {
			t.Errorf("sqlite_version differs: %s reports %q, go reports %q", p.name, versions[p.name], goVer)
		}
	}
}
