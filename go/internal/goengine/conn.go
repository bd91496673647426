package goengine

import "sqlettuce/go/internal/resp"

// numDatabases is Redis's default "databases 16".
const numDatabases = 16

// PING answers PONG, or echoes its argument.
// PING [message]
// https://redis.io/commands/ping
func cmdPing(c *cmd) (resp.Value, error) {
	if len(c.argv) > 2 {
		return resp.Value{}, errArity(c.name)
	}
	if c.s.subscribeMode() {
		// In RESP2 subscribe mode a PING is answered like a message: [pong, arg or ""].
		msg := []byte{}
		if len(c.argv) == 2 {
			msg = c.argv[1]
		}
		return resp.Array(resp.Bulk([]byte("pong")), resp.Bulk(msg)), nil
	}
	if len(c.argv) == 2 {
		return resp.Bulk(c.argv[1]), nil
	}
	return resp.Simple("PONG"), nil
}

// ECHO returns its argument.
// ECHO message
// https://redis.io/commands/echo
func cmdEcho(c *cmd) (resp.Value, error) { return resp.Bulk(c.argv[1]), nil }

// QUIT answers OK and closes the connection; commands after it are not run.
// QUIT
// https://redis.io/commands/quit
func cmdQuit(c *cmd) (resp.Value, error) {
	c.s.closing = true
	return resp.OK(), nil
}

// SELECT changes the connection's database.
// SELECT index
// https://redis.io/commands/select
func cmdSelect(c *cmd) (resp.Value, error) {
	n, err := parseDBIndex(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	c.s.db = n
	return resp.OK(), nil
}

// validName is Redis's check for client names and CLIENT SETINFO values: printable
// ASCII without spaces, so CLIENT LIST stays splittable.
func validName(b []byte) bool {
	for _, ch := range b {
		if ch < '!' || ch > '~' {
			return false
		}
	}
	return true
}

// setName is clientSetNameOrReply: an empty name clears it.
func (s *session) setName(name []byte) error {
	if !validName(name) {
		return errClientName
	}
	if len(name) == 0 {
		s.name = nil
	} else {
		s.name = append([]byte(nil), name...)
	}
	return nil
}
