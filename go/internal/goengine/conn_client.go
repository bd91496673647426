package goengine

import "sqlettuce/go/internal/resp"

// CLIENT ID returns the connection's id (1, 2, 3... from the engine's start).
// CLIENT ID
// https://redis.io/commands/client-id
func cmdClientID(c *cmd) (resp.Value, error) { return resp.Int(c.s.id), nil }

// CLIENT SETNAME names the connection; an empty name clears it.
// CLIENT SETNAME connection-name
// https://redis.io/commands/client-setname
func cmdClientSetname(c *cmd) (resp.Value, error) {
	if err := c.s.setName(c.argv[2]); err != nil {
		return resp.Value{}, err
	}
	return resp.OK(), nil
}

// CLIENT GETNAME returns the connection's name, or nil.
// CLIENT GETNAME
// https://redis.io/commands/client-getname
func cmdClientGetname(c *cmd) (resp.Value, error) { return resp.BulkOrNull(c.s.name), nil }

// CLIENT SETINFO records the client library's name or version (Redis 7.2 semantics:
// clients send it on connect).
// CLIENT SETINFO <LIB-NAME libname | LIB-VER libver>
// https://redis.io/commands/client-setinfo
func cmdClientSetinfo(c *cmd) (resp.Value, error) {
	attr, val := c.argv[2], c.argv[3]
	var dst *[]byte
	switch a := cString(attr); {
	case equalFold(a, "lib-name"):
		dst = &c.s.libName
	case equalFold(a, "lib-ver"):
		dst = &c.s.libVer
	default:
		return resp.Value{}, errSetinfoOption(attr)
	}
	if !validName(val) {
		return resp.Value{}, errSetinfoValue(attr)
	}
	if len(val) == 0 {
		*dst = nil
	} else {
		*dst = append([]byte(nil), val...)
	}
	return resp.OK(), nil
}
