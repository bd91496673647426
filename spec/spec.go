// Package spec gives Go code the one command table, spec/commands.json (generated from a
// real Redis by gen_commands.py). It lives beside the JSON because go:embed cannot reach
// files outside a package's directory.
package spec

import (
	_ "embed"
	"encoding/json"
	"strings"
	"sync"
)

//go:embed commands.json
var commandsJSON []byte

// Command is one entry of the table: what COMMAND INFO and COMMAND DOCS publish about it.
type Command struct {
	Name          string     `json:"name"`
	Arity         int        `json:"arity"`
	Flags         []string   `json:"flags"`
	FirstKey      int        `json:"first_key"`
	LastKey       int        `json:"last_key"`
	Step          int        `json:"step"`
	ACLCategories []string   `json:"acl_categories"`
	Summary       string     `json:"summary"`
	Since         string     `json:"since"`
	Group         string     `json:"group"`
	Complexity    string     `json:"complexity"`
	DocFlags      []string   `json:"doc_flags"`
	Arguments     []Argument `json:"arguments"`
	Subcommands   []Command  `json:"subcommands"`
}

// Argument documents one argument. Optional fields are pointers so "absent" and "empty"
// stay different: COMMAND DOCS sends only the fields Redis sent.
type Argument struct {
	Name            string     `json:"name"`
	Type            string     `json:"type"`
	DisplayText     *string    `json:"display_text"`
	KeySpecIndex    *int       `json:"key_spec_index"`
	Token           *string    `json:"token"`
	Summary         *string    `json:"summary"`
	Since           *string    `json:"since"`
	Flags           []string   `json:"flags"`
	DeprecatedSince *string    `json:"deprecated_since"`
	Arguments       []Argument `json:"arguments"`
	Value           *string    `json:"value"`
}

// HasFlag says whether the command carries a table flag such as "write".
func (c *Command) HasFlag(flag string) bool {
	for _, f := range c.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

var (
	once     sync.Once
	commands []Command
	help     map[string][]string
)

func load() {
	once.Do(func() {
		var doc struct {
			Commands []Command           `json:"commands"`
			Help     map[string][]string `json:"help"`
		}
		if err := json.Unmarshal(commandsJSON, &doc); err != nil {
			panic("spec: commands.json is not valid: " + err.Error())
		}
		commands, help = doc.Commands, doc.Help
	})
}

// Commands returns the table in file order, parsed once. Callers must not modify it.
func Commands() []Command {
	load()
	return commands
}

// Help returns the lines of `NAME HELP` for a command with subcommands ("config"):
// Redis's text, cut by gen_commands.py to the subcommands sqlettuce implements. Nil when
// the command has none. Callers must not modify it.
func Help(command string) []string {
	load()
	return help[command]
}

// FuzzSeeds are starting inputs for the fuzzers: every command and subcommand of the
// table (SHUTDOWN and DEBUG aside: they stop or stall the process) with none, three, six
// and nine edge-case arguments.
func FuzzSeeds() [][]string {
	edge := []string{"k", "0", "-1", "1.5", "inf", "-inf", "nan", "(1", "[a", "-", "+", "", "9223372036854775808"}
	var seeds [][]string
	for _, c := range Commands() {
		names := [][]string{{strings.ToUpper(c.Name)}}
		for _, sub := range c.Subcommands {
			names = append(names, strings.Split(strings.ToUpper(sub.Name), "|"))
		}
		for _, argv := range names {
			if argv[0] == "SHUTDOWN" || argv[0] == "DEBUG" {
				continue
			}
			for n := 0; n < 4; n++ {
				seeds = append(seeds, append(append([]string{}, argv...), edge[:n*3]...))
			}
		}
	}
	// The bitmap commands' arguments are a grammar (units, operations, BITFIELD's typed
	// subcommands) the edge cases above never form: well-formed seeds to mutate from.
	seeds = append(seeds,
		[]string{"SETBIT", "k", "100", "1"},
		[]string{"BITCOUNT", "k", "0", "-1", "BIT"},
		[]string{"BITPOS", "k", "0", "1", "-1", "BYTE"},
		[]string{"BITOP", "XOR", "d", "k", "k2"},
		[]string{"BITFIELD", "k", "SET", "i8", "#1", "-100", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "9", "GET", "u63", "0"},
		[]string{"BITFIELD_RO", "k", "GET", "i64", "#2"})
	return seeds
}
