package goengine

import (
	"bytes"

	"sqlettuce/go/internal/resp"
	"sqlettuce/spec"
)

// The COMMAND replies are built once from the table (spec/commands.json), in the shapes
// docs/engine-contract.md fixes, so both engines send the same bytes.
var (
	commandInfos = make(map[string]resp.Value) // full name -> 10-element entry
	commandDocs  = make(map[string]resp.Value) // full name -> doc map
	allInfos     []resp.Value
	allDocs      []resp.Value // flat: name, doc, name, doc...
)

func init() {
	for _, sc := range spec.Commands() {
		info, doc := infoEntry(&sc), docEntry(&sc)
		allInfos = append(allInfos, info)
		allDocs = append(allDocs, resp.BulkString(sc.Name), doc)
	}
}

// simples: flags and categories, a RESP3 set of simple strings as Redis 7.0 sends them.
func simples(ss []string) resp.Value {
	items := make([]resp.Value, len(ss))
	for i, s := range ss {
		items[i] = resp.Simple(s)
	}
	return resp.Set(items...)
}

// infoEntry: name, arity, flags, first key, last key, step, ACL categories, tips, key
// specs (both empty: the table leaves them out), subcommands.
func infoEntry(sc *spec.Command) resp.Value {
	subs := make([]resp.Value, 0, len(sc.Subcommands))
	for i := range sc.Subcommands {
		subs = append(subs, infoEntry(&sc.Subcommands[i]))
	}
	v := resp.Array(
		resp.BulkString(sc.Name), resp.Int(int64(sc.Arity)), simples(sc.Flags),
		resp.Int(int64(sc.FirstKey)), resp.Int(int64(sc.LastKey)), resp.Int(int64(sc.Step)),
		simples(sc.ACLCategories), resp.Set(), resp.Set(), resp.Array(subs...)) // tips, key specs: sets in RESP3
	commandInfos[sc.Name] = v
	return v
}

// docEntry: summary, since, group, complexity, then doc_flags, arguments and
// subcommands only when non-empty.
func docEntry(sc *spec.Command) resp.Value {
	kv := []resp.Value{
		resp.BulkString("summary"), resp.BulkString(sc.Summary),
		resp.BulkString("since"), resp.BulkString(sc.Since),
		resp.BulkString("group"), resp.BulkString(sc.Group),
		resp.BulkString("complexity"), resp.BulkString(sc.Complexity),
	}
	if len(sc.DocFlags) > 0 {
		kv = append(kv, resp.BulkString("doc_flags"), simples(sc.DocFlags))
	}
	if len(sc.Arguments) > 0 {
		kv = append(kv, resp.BulkString("arguments"), argDocs(sc.Arguments))
	}
	if len(sc.Subcommands) > 0 {
		var subs []resp.Value
		for i := range sc.Subcommands {
			sub := &sc.Subcommands[i]
			subs = append(subs, resp.BulkString(sub.Name), docEntry(sub))
		}
		kv = append(kv, resp.BulkString("subcommands"), resp.Map(subs...))
	}
	v := resp.Map(kv...)
	commandDocs[sc.Name] = v
	return v
}

// argDocs: each argument's fields present in the table, in Redis's order.
func argDocs(args []spec.Argument) resp.Value {
	out := make([]resp.Value, 0, len(args))
	for _, a := range args {
		kv := []resp.Value{resp.BulkString("name"), resp.BulkString(a.Name),
			resp.BulkString("type"), resp.BulkString(a.Type)}
		str := func(name string, v *string) {
			if v != nil {
				kv = append(kv, resp.BulkString(name), resp.BulkString(*v))
			}
		}
		str("display_text", a.DisplayText)
		if a.KeySpecIndex != nil {
			kv = append(kv, resp.BulkString("key_spec_index"), resp.Int(int64(*a.KeySpecIndex)))
		}
		str("token", a.Token)
		str("summary", a.Summary)
		str("since", a.Since)
		if a.Flags != nil {
			kv = append(kv, resp.BulkString("flags"), simples(a.Flags))
		}
		str("deprecated_since", a.DeprecatedSince)
		if a.Arguments != nil {
			kv = append(kv, resp.BulkString("arguments"), argDocs(a.Arguments))
		}
		str("value", a.Value)
		out = append(out, resp.Map(kv...))
	}
	return resp.Array(out...)
}

// fullName finds a table name for a user's spelling: "GET", "client|SetName".
func fullName(name []byte) (string, bool) {
	parent, sub, isSub := bytes.Cut(name, []byte("|"))
	c := lookupName(registry, parent)
	if c == nil {
		return "", false
	}
	if !isSub {
		return c.name, true
	}
	if s := lookupName(c.subs, sub); s != nil {
		return s.name, true
	}
	return "", false
}

// COMMAND returns every command's entry.
// COMMAND
// https://redis.io/commands/command
func cmdCommand(c *cmd) (resp.Value, error) { return resp.Array(allInfos...), nil }

// COMMAND COUNT returns how many commands the table holds.
// COMMAND COUNT
// https://redis.io/commands/command-count
func cmdCommandCount(c *cmd) (resp.Value, error) { return resp.Int(int64(len(allInfos))), nil }

// COMMAND INFO returns the entries of the named commands (all with no names); an
// unknown name gives a null array in its place.
// COMMAND INFO [command-name [command-name ...]]
// https://redis.io/commands/command-info
func cmdCommandInfo(c *cmd) (resp.Value, error) {
	if len(c.argv) == 2 {
		return resp.Array(allInfos...), nil
	}
	items := make([]resp.Value, 0, len(c.argv)-2)
	for _, name := range c.argv[2:] {
		if full, ok := fullName(name); ok {
			items = append(items, commandInfos[full])
		} else {
			items = append(items, resp.Null()) // Redis 7.0 sends $-1 here, not *-1
		}
	}
	return resp.Array(items...), nil
}

// COMMAND DOCS returns a map of command name to its documentation (all with no names);
// unknown names are left out.
// COMMAND DOCS [command-name [command-name ...]]
// https://redis.io/commands/command-docs
func cmdCommandDocs(c *cmd) (resp.Value, error) {
	if len(c.argv) == 2 {
		return resp.Map(allDocs...), nil
	}
	var kv []resp.Value
	for _, name := range c.argv[2:] {
		if full, ok := fullName(name); ok {
			kv = append(kv, resp.BulkString(full), commandDocs[full])
		}
	}
	return resp.Map(kv...), nil
}
