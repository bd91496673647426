package goengine

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sqlettuce/go/internal/engine"
)

// The project's recorded cases (tests/cases, recorded from Redis 7.0.15), every one,
// replayed straight through Session.Exec: the engine without the server. The end-to-end
// suite replays the same files over TCP on every path, so each recorded table lives in
// one place. openTest's cleanup then checks keys.elements after each case.
func TestProjectCases(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "..", "tests", "cases", "[0-9]*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases in tests/cases (%v)", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if text, err := os.ReadFile(filepath.Join(dir, "commands.txt")); err == nil &&
				strings.Contains(string(text), `"conn"`) {
				// Several connections (blocking, pub/sub) need the server: the end-to-end
				// suite replays this case over TCP on every path.
				t.Skip("uses several connections: replayed by go/e2e only")
			}
			steps := loadCase(t, dir)
			e := openTest(t, ":memory:")
			sessions := map[int]engine.Session{}
			for _, st := range steps {
				if st.sleep > 0 {
					time.Sleep(time.Duration(st.sleep * float64(time.Second)))
					continue
				}
				if sessions[st.conn] == nil {
					sessions[st.conn] = newSession(t, e)
				}
				if st.raw == "" {
					run(t, sessions[st.conn], []step{st})
					continue
				}
				res, err := execAll(sessions[st.conn], []byte(st.raw))
				if err != nil {
					t.Fatalf("%q: %v", st.raw, err)
				}
				if !repliesEqual(st.reply, string(res.Replies), st.unordered) {
					t.Errorf("%q\n got %q\nwant %q", st.raw, res.Replies, st.reply)
				}
				if st.close != (res.Action == engine.ActionClose) {
					t.Errorf("%q: action %v, want close %v", st.raw, res.Action, st.close)
				}
			}
		})
	}
}

// caseStep is a commands.txt line: a JSON array (argv), or an object with argv or raw,
// "unordered", "conn", "replies" and "close", or a "sleep".
type caseStep struct {
	Argv      []string `json:"argv"`
	Unordered bool     `json:"unordered"`
	Conn      int      `json:"conn"`
	Sleep     float64  `json:"sleep"`
	Raw       string   `json:"raw"`
	Replies   int      `json:"replies"` // replay.py's read count: the engine returns them all
	Close     bool     `json:"close"`
}

func parseCaseStep(line string) (caseStep, error) {
	var st caseStep
	if strings.HasPrefix(line, "[") {
		err := json.Unmarshal([]byte(line), &st.Argv)
		return st, err
	}
	dec := json.NewDecoder(strings.NewReader(line))
	dec.DisallowUnknownFields()
	err := dec.Decode(&st)
	return st, err
}

// loadCase reads a case's steps and expected replies. The files map each code point
// U+0000..U+00FF to one byte; the cases run on one connection.
func loadCase(t *testing.T, dir string) []step {
	t.Helper()
	commands := jsonLines(t, filepath.Join(dir, "commands.txt"))
	replies := jsonLines(t, filepath.Join(dir, "expected.txt"))
	if len(commands) != len(replies) {
		t.Fatalf("%s: %d steps but %d replies", dir, len(commands), len(replies))
	}
	steps := make([]step, len(commands))
	for i, line := range commands {
		st, err := parseCaseStep(line)
		if err != nil {
			t.Fatalf("%s step %d: %v", dir, i+1, err)
		}
		argv := st.Argv
		for j := range argv {
			argv[j] = latin1(argv[j])
		}
		if st.Close && st.Raw == "" {
			st.Raw = enc(argv...) // checked like a raw step: the action says close
		}
		var reply string
		if err := json.Unmarshal([]byte(replies[i]), &reply); err != nil {
			t.Fatalf("%s reply %d: %v", dir, i+1, err)
		}
		steps[i] = step{argv: argv, reply: latin1(reply), unordered: st.Unordered, conn: st.Conn,
			sleep: st.Sleep, raw: latin1(st.Raw), close: st.Close}
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

// repliesEqual is replay.py's comparison: the exact bytes, or for an unordered step the
// same replies once every array of bulk strings is sorted.
func repliesEqual(want, got string, unordered bool) bool {
	if want == got || !unordered {
		return want == got
	}
	w, wrest, wok := parseReply(want)
	g, grest, gok := parseReply(got)
	return wok && gok && wrest == "" && grest == "" && w == g
}

// parseReply reads one RESP2 reply into a canonical string in which every array of bulk
// strings is sorted; ok is false for anything it cannot read.
func parseReply(s string) (canon, rest string, ok bool) {
	line, rest, found := strings.Cut(s, "\r\n")
	if !found || line == "" {
		return "", s, false
	}
	switch line[0] {
	case '$':
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < -1 || len(rest) < n+2 {
			return "", s, false
		}
		if n == -1 {
			return line + "\r\n", rest, true
		}
		return line + "\r\n" + rest[:n+2], rest[n+2:], true
	case '*':
		n, err := strconv.Atoi(line[1:])
		if err != nil {
			return "", s, false
		}
		items := make([]string, 0, max(n, 0))
		allBulk := true
		for range n {
			var item string
			if item, rest, ok = parseReply(rest); !ok {
				return "", s, false
			}
			allBulk = allBulk && item[0] == '$'
			items = append(items, item)
		}
		if allBulk {
			slices.Sort(items)
		}
		return line + "\r\n" + strings.Join(items, ""), rest, true
	}
	return line + "\r\n", rest, true
}
