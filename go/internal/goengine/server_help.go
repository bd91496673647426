package goengine

import (
	"strings"

	"sqlettuce/go/internal/resp"
	"sqlettuce/spec"
)

// CLIENT HELP, COMMAND HELP, CONFIG HELP, MEMORY HELP, OBJECT HELP, PUBSUB HELP (and
// DEBUG HELP, from cmdDebug) list the subcommands this server implements, in Redis's
// words. The text is Redis's own, cut
// to what sqlettuce implements by spec/gen_commands.py (the "help" of
// spec/commands.json): a subcommand HELP lists always answers.
// <COMMAND> HELP
// https://redis.io/commands/config-help (and client-help, command-help, ...)
func cmdHelp(c *cmd) (resp.Value, error) {
	command, _, _ := strings.Cut(c.name, "|")
	lines := spec.Help(command)
	items := make([]resp.Value, len(lines))
	for i, l := range lines {
		items[i] = resp.Simple(l)
	}
	return resp.Array(items...), nil
}
