package e2e

import (
	"slices"
	"strings"
	"testing"
)

// The HELP subcommands (CLIENT, COMMAND, CONFIG, MEMORY, OBJECT, PUBSUB, DEBUG) reply
// Redis's own text cut to the subcommands sqlettuce implements: every line is Redis's
// (or Redis 7.2's, for the two subcommands Debian's 7.0 lacks), in Redis's order, and
// every subcommand listed answers rather than "unknown subcommand". CONFIG and OBJECT
// HELP are whole, so they equal Redis's byte for byte (case 317 too).
func TestHelpListsWhatAnswers(t *testing.T) {
	oracle := dial(t, startOracle(t, "--enable-debug-command", "yes"))
	commands := []string{"CLIENT", "COMMAND", "CONFIG", "MEMORY", "OBJECT", "PUBSUB", "DEBUG"}
	redisHelp := map[string][]string{}
	for _, name := range commands {
		redisHelp[name] = simpleLines(t, oracle.do(name, "HELP"))
	}
	later := map[string]bool{ // Redis 7.2's CLIENT HELP lines for NO-TOUCH and SETINFO
		"NO-TOUCH (ON|OFF)": true, "    Will not touch LRU/LFU stats when this mode is on.": true,
		"SETINFO <option> <value>": true, "    Set client meta attr. Options are:": true,
		"    * LIB-NAME: the client lib name.": true, "    * LIB-VER: the client lib version.": true,
	}
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		for _, name := range commands {
			raw := c.do(name, "HELP")
			if name == "CONFIG" || name == "OBJECT" {
				if want := oracle.do(name, "HELP"); raw != want {
					t.Errorf("%s HELP:\n got %q\nwant %q", name, raw, want)
				}
			}
			got := simpleLines(t, raw)
			if len(got) < 3 || got[0] != redisHelp[name][0] || got[len(got)-2] != "HELP" {
				t.Errorf("%s HELP: header or HELP missing: %q", name, got)
				continue
			}
			// Redis's lines, in order, with whole groups left out.
			rest := redisHelp[name]
			for _, line := range got {
				if later[line] {
					continue
				}
				i := slices.Index(rest, line)
				if i < 0 {
					t.Errorf("%s HELP: %q is not Redis's, or out of order", name, line)
					break
				}
				rest = rest[i+1:]
			}
			// Every subcommand listed answers.
			for _, line := range got[1:] {
				if strings.HasPrefix(line, " ") || strings.HasPrefix(line, "(") {
					continue
				}
				sub := strings.Fields(line)[0]
				if sub == "HELP" || (name == "CLIENT" && sub == "KILL") || sub == "SLEEP" {
					continue // KILL with no filter is an arity error in Redis too; DEBUG SLEEP
					// with no argument is refused as an unknown subcommand, as in Redis
				}
				if r := c.do(name, sub); strings.Contains(r, "unknown subcommand") {
					t.Errorf("%s HELP lists %s, which replies %q", name, sub, r)
				}
			}
		}
		// redis-cli shows it as Redis's lines.
		out := redisCLI(t, s, nil, "CONFIG", "HELP")
		if !strings.Contains(out, "GET <pattern>\n") || !strings.Contains(out, "Prints this help.") {
			t.Errorf("redis-cli CONFIG HELP:\n%s", out)
		}
		s.alive(t)
	})
}

// simpleLines reads a RESP2 array of simple strings.
func simpleLines(t *testing.T, raw string) []string {
	t.Helper()
	parts := strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n")
	if len(parts) == 0 || !strings.HasPrefix(parts[0], "*") {
		t.Fatalf("not an array: %q", raw)
	}
	var lines []string
	for _, p := range parts[1:] {
		if !strings.HasPrefix(p, "+") {
			t.Fatalf("not a simple string %q in %q", p, raw)
		}
		lines = append(lines, p[1:])
	}
	return lines
}
