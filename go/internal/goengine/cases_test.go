package goengine

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The project's recorded cases (tests/cases, recorded from Redis 7.0.15) replayed straight
// through Session.Exec: the engine without the server. The end-to-end suite replays the
// same files over TCP on every path, so each recorded table lives in one place.
var engineCases = []string{"301-hash-commands", "303-list-commands", "304-zset-commands"}

func TestProjectCases(t *testing.T) {
	for _, name := range engineCases {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "..", "..", "tests", "cases", name)
			steps := loadCase(t, dir)
			run(t, newSession(t, openTest(t, ":memory:")), steps)
		})
	}
}

// loadCase reads a case's argv steps and expected replies. The files map each code point
// U+0000..U+00FF to one byte; these cases use only plain argv steps on one connection.
func loadCase(t *testing.T, dir string) []step {
	t.Helper()
	commands := jsonLines(t, filepath.Join(dir, "commands.txt"))
	replies := jsonLines(t, filepath.Join(dir, "expected.txt"))
	if len(commands) != len(replies) {
		t.Fatalf("%s: %d steps but %d replies", dir, len(commands), len(replies))
	}
	steps := make([]step, len(commands))
	for i, line := range commands {
		var argv []string
		if err := json.Unmarshal([]byte(line), &argv); err != nil {
			t.Fatalf("%s step %d: only argv steps are supported here: %v", dir, i+1, err)
		}
		for j := range argv {
			argv[j] = latin1(argv[j])
		}
		var reply string
		if err := json.Unmarshal([]byte(replies[i]), &reply); err != nil {
			t.Fatalf("%s reply %d: %v", dir, i+1, err)
		}
		steps[i] = step{argv, latin1(reply)}
	}
	return steps
}

// jsonLines returns the non-comment, non-blank lines of a case file.
func jsonLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// latin1 turns the cases' code points back into the bytes they stand for.
func latin1(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return string(b)
}
