package goengine

import (
	"sqlettuce/go/internal/resp"
)

// HELLO switches protocol and returns the server's handshake map. Only RESP2 exists so
// far; other versions get the contract's NOPROTO error (docs/engine-contract.md).
// HELLO [protover [AUTH username password] [SETNAME clientname]]
// https://redis.io/commands/hello
func cmdHello(c *cmd) (resp.Value, error) {
	next := 1
	if len(c.argv) >= 2 {
		ver, err := parseInt(c.argv[1])
		if err != nil {
			return resp.Value{}, errProtoVersion
		}
		if ver != 2 {
			return resp.Value{}, errNoProto
		}
		next = 2
	}
	var user, pass, name []byte
	for j := next; j < len(c.argv); j++ {
		more := len(c.argv) - 1 - j
		opt := cString(c.argv[j])
		switch {
		case equalFold(opt, "AUTH") && more >= 2:
			user, pass = c.argv[j+1], c.argv[j+2]
			j += 2
		case equalFold(opt, "SETNAME") && more >= 1:
			name = c.argv[j+1]
			j++
		default:
			return resp.Value{}, errHelloOption(c.argv[j])
		}
	}
	if user != nil {
		if err := c.s.authenticate(user, pass); err != nil {
			return resp.Value{}, err
		}
	} else if !c.s.authenticated && c.e.config.authRequired.Load() {
		return resp.Value{}, errHelloNoAuth
	}
	if name != nil {
		if err := c.s.setName(name); err != nil {
			return resp.Value{}, err
		}
	}
	return resp.Map(
		resp.BulkString("server"), resp.BulkString("redis"),
		resp.BulkString("version"), resp.BulkString(redisVersion),
		resp.BulkString("proto"), resp.Int(2),
		resp.BulkString("id"), resp.Int(c.s.id),
		resp.BulkString("mode"), resp.BulkString("standalone"),
		resp.BulkString("role"), resp.BulkString("master"),
		resp.BulkString("modules"), resp.Array(),
	), nil
}
