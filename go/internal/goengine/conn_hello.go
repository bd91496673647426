package goengine

import (
	"sqlettuce/go/internal/resp"
)

// HELLO switches the connection's protocol (RESP2 or RESP3) and returns the server's
// handshake map.
// HELLO [protover [AUTH username password] [SETNAME clientname]]
// https://redis.io/commands/hello
//
// helloCommand: every option is parsed before anything happens; then AUTH, then SETNAME,
// then the switch, so the reply itself is already in the new protocol (a map in RESP3, a
// flat array in RESP2). Without a version the protocol stays as it is.
func cmdHello(c *cmd) (resp.Value, error) {
	next := 1
	proto := 0
	if len(c.argv) >= 2 {
		ver, err := parseInt(c.argv[1])
		if err != nil {
			return resp.Value{}, errProtoVersion
		}
		if ver != resp.RESP2 && ver != resp.RESP3 {
			return resp.Value{}, errNoProto
		}
		proto = int(ver)
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
	if proto != 0 {
		c.s.proto = proto
	}
	return resp.Map(
		resp.BulkString("server"), resp.BulkString("redis"),
		resp.BulkString("version"), resp.BulkString(redisVersion),
		resp.BulkString("proto"), resp.Int(int64(c.s.proto)),
		resp.BulkString("id"), resp.Int(c.s.id),
		resp.BulkString("mode"), resp.BulkString("standalone"),
		resp.BulkString("role"), resp.BulkString("master"),
		resp.BulkString("modules"), resp.Array(),
	), nil
}
