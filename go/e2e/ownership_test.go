package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sqlite3 runs the sqlite3 CLI on db and returns its trimmed output.
func sqlite3(t *testing.T, db, sql string) string {
	t.Helper()
	out, err := exec.Command("sqlite3", db, sql).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3 %s %q: %v: %s", db, sql, err, out)
	}
	return strings.TrimSpace(string(out))
}

// A --db that names someone else's SQLite database is refused before anything changes
// it: the server exits 1 with a message, and the file keeps its bytes, its rollback
// journal mode, and no sqlettuce table appears. A file sqlettuce made is stamped
// (application_id "SLTC") and opens again; so does one from before the stamp.
func TestForeignDatabaseLeftAlone(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		dir := t.TempDir()
		foreign := filepath.Join(dir, "app.db")
		sqlite3(t, foreign, "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'ann');")
		before, err := os.ReadFile(foreign)
		if err != nil {
			t.Fatal(err)
		}
		args := append(append([]string{}, p.args...), "--port", "0", "--db", foreign)
		cmd := exec.Command(binary, args...)
		out, _ := runWithin(t, cmd, startTimeout)
		if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(out, "sqlettuce did not create") {
			t.Errorf("exit %d, output %q; want exit 1 and the refusal", code, out)
		}
		after, _ := os.ReadFile(foreign)
		if !bytes.Equal(before, after) {
			t.Errorf("the foreign file changed")
		}
		if m := sqlite3(t, foreign, "PRAGMA journal_mode"); m != "delete" {
			t.Errorf("journal_mode = %q, want delete (untouched)", m)
		}
		for _, side := range []string{"-wal", "-shm"} {
			if fileExists(foreign + side) {
				t.Errorf("%s appeared beside the foreign file", side)
			}
		}

		// Ours: stamped when made, and an unstamped older file opens and gets stamped.
		db := filepath.Join(dir, "sqlettuce.db")
		s := startServerDB(t, p, db)
		if r := s.dial(t).do("SET", "k", "v"); r != "+OK\r\n" {
			t.Fatalf("SET = %q", r)
		}
		s.stop()
		if id := sqlite3(t, db, "PRAGMA application_id"); id != "1397511235" {
			t.Errorf("application_id = %s, want 1397511235 (SLTC)", id)
		}
		sqlite3(t, db, "PRAGMA application_id = 0")
		s = startServerDB(t, p, db)
		if r := s.dial(t).do("GET", "k"); r != "$1\r\nv\r\n" {
			t.Errorf("GET k after reopening an unstamped file = %q", r)
		}
		s.stop()
		if id := sqlite3(t, db, "PRAGMA application_id"); id != "1397511235" {
			t.Errorf("application_id after reopening = %s", id)
		}
	})
}

// One file, one server: a second server on a file another serves exits 1 at once
// (flock on the file), whatever its path; the sqlite3 CLI still reads the file, and once
// the first server is gone (even killed) the file opens again.
func TestOneServerPerFile(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		db := filepath.Join(t.TempDir(), "sqlettuce.db")
		first := startServerDB(t, p, db)
		if r := first.dial(t).do("SET", "k", "v"); r != "+OK\r\n" {
			t.Fatalf("SET = %q", r)
		}
		for _, other := range paths {
			args := append(append([]string{}, other.args...), "--port", "0", "--db", db)
			cmd := exec.Command(binary, args...)
			out, _ := runWithin(t, cmd, startTimeout)
			if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(out, "served by another sqlettuce server") {
				t.Errorf("%s beside %s: exit %d, output %q; want exit 1 and the refusal", other.name, p.name, code, out)
			}
		}
		if n := sqlite3(t, db, "SELECT count(*) FROM keys"); n != "1" {
			t.Errorf("sqlite3 beside the server: count = %s", n)
		}
		first.killHard()
		second := startServerDB(t, p, db)
		if r := second.dial(t).do("GET", "k"); r != "$1\r\nv\r\n" {
			t.Errorf("GET k after the first server was killed = %q", r)
		}
	})
}

// runWithin runs cmd to its end and returns its combined output; past timeout it kills
// it and fails the test.
func runWithin(t *testing.T, cmd *exec.Cmd, timeout time.Duration) (string, error) {
	t.Helper()
	var out []byte
	var err error
	done := make(chan struct{})
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(timeout):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%v kept running", cmd.Args)
	}
	return string(out), err
}
