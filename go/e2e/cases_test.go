package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSharedCases replays the Redis-compatibility cases with their own runner, replay.py:
// the shared ones (../shared/cases, recorded from Redis 7.0.15) and the project's own
// (tests/cases, recorded the same way when we met an edge case the shared ones miss). A
// shared case is in scope when the server lists every command it uses in its COMMAND
// reply (raw steps always count); every project case must be in scope. Every case in
// scope must pass on every path.
func TestSharedCases(t *testing.T) {
	replay := filepath.Join(sharedCases, "replay.py")
	if !fileExists(replay) {
		t.Fatalf("the shared cases are missing: %s not found (shared/ must sit beside the clone, or set SQLETTUCE_CASES)", replay)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("python3 is needed to run %s: %v", replay, err)
	}
	shared, err := caseDirs(sharedCases)
	if err != nil {
		t.Fatal(err)
	}
	own, err := caseDirs(filepath.Join(repoRoot, "tests", "cases"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	isOwn := map[string]bool{}
	for _, dir := range own {
		isOwn[dir] = true
	}
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		known := serverCommands(t, s)
		// A broken COMMAND reply must not quietly shrink the scope: the server must list
		// every command of the command table.
		for _, name := range specCommandNames(t) {
			if !known[name] {
				t.Errorf("COMMAND does not list %q, which spec/commands.json has", name)
			}
		}
		var inScope []string
		for _, dir := range append(shared, own...) {
			used, err := caseCommands(dir)
			if err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
			var missing []string
			for _, name := range used {
				if !known[name] {
					missing = append(missing, name)
				}
			}
			if len(missing) > 0 {
				if isOwn[dir] {
					t.Errorf("project case %s uses commands the server lacks: %s", filepath.Base(dir), strings.Join(missing, ", "))
				} else {
					t.Logf("out of scope: %s (uses %s)", filepath.Base(dir), strings.Join(missing, ", "))
				}
				continue
			}
			inScope = append(inScope, dir)
		}
		if len(inScope) == 0 {
			t.Fatal("no shared case is in scope")
		}
		for _, dir := range inScope {
			name := filepath.Base(dir)
			t.Logf("in scope: %s", name)
			t.Run(name, func(t *testing.T) {
				cmd := exec.Command(python, replay, "--timeout", "30", "127.0.0.1", strconv.Itoa(s.port), dir)
				out, err := runWithTimeout(cmd, 5*time.Minute)
				if err != nil || !strings.Contains(out, "PASS "+name) {
					t.Errorf("replay.py %s on %s failed (%v):\n%s", name, p.name, err, out)
				}
			})
		}
		s.alive(t)
	})
}

// caseDirs lists the case directories (names starting with a digit), in name order.
func caseDirs(casesDir string) ([]string, error) {
	entries, err := os.ReadDir(casesDir)
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "" && e.Name()[0] >= '0' && e.Name()[0] <= '9' {
			dirs = append(dirs, filepath.Join(casesDir, e.Name()))
		}
	}
	sort.Strings(dirs)
	return dirs, nil
}

// caseCommands returns the lowercase command names a case sends as argv steps. Raw steps
// (inline commands, malformed framing) are not counted: they are always in scope. Nor is
// a command Redis itself answered "unknown command" (034 sends NOSUCHCMD on purpose).
func caseCommands(dir string) ([]string, error) {
	f, err := os.Open(filepath.Join(dir, "commands.txt"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	expected, err := os.ReadFile(filepath.Join(dir, "expected.txt"))
	if err != nil {
		return nil, err
	}
	var replies []string
	for _, line := range strings.Split(string(expected), "\n") {
		if strings.TrimSpace(line) != "" {
			replies = append(replies, line)
		}
	}
	seen := map[string]bool{}
	var names []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	step := 0
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		step++
		if step <= len(replies) && strings.HasPrefix(replies[step-1], `"-ERR unknown command `) {
			continue
		}
		var argv []string
		switch line[0] {
		case '[':
			if err := json.Unmarshal([]byte(line), &argv); err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
		case '{':
			var step struct {
				Argv []string `json:"argv"`
			}
			if err := json.Unmarshal([]byte(line), &step); err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
			argv = step.Argv
		default:
			return nil, fmt.Errorf("line %d: neither a JSON array nor an object", n)
		}
		if len(argv) == 0 {
			continue
		}
		name := strings.ToLower(argv[0])
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	return names, sc.Err()
}

// serverCommands asks the server COMMAND and returns the set of top-level names it lists.
func serverCommands(t testing.TB, s *server) map[string]bool {
	t.Helper()
	c := s.dial(t)
	defer c.Close()
	raw := c.do("COMMAND")
	v := mustParse(t, raw)
	if v.kind != '*' || len(v.arr) == 0 {
		t.Fatalf("COMMAND: want a non-empty array, got %q", clip(raw))
	}
	known := map[string]bool{}
	for i, e := range v.arr {
		if e.kind != '*' || len(e.arr) == 0 || e.arr[0].kind != '$' {
			t.Fatalf("COMMAND entry %d is not an array starting with a name: %+v", i, e)
		}
		known[strings.ToLower(e.arr[0].str)] = true
	}
	return known
}

// specCommandNames returns the top-level names in spec/commands.json, the command table.
func specCommandNames(t testing.TB) []string {
	t.Helper()
	var spec struct {
		Commands []struct {
			Name string `json:"name"`
		} `json:"commands"`
	}
	b, err := os.ReadFile(commandsJS)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatalf("%s: %v", commandsJS, err)
	}
	var names []string
	for _, c := range spec.Commands {
		names = append(names, strings.ToLower(c.Name))
	}
	return names
}

// runWithTimeout runs cmd, returning its combined output; it kills cmd after limit.
func runWithTimeout(cmd *exec.Cmd, limit time.Duration) (string, error) {
	var out strings.Builder
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.String(), err
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		return out.String(), fmt.Errorf("killed after %v", limit)
	}
}
