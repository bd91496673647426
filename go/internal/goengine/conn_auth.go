package goengine

import "sqlettuce/go/internal/resp"

// AUTH authenticates the connection as the default user (requirepass). sqlettuce has one
// user, "default", like Redis without ACL rules: with no requirepass it takes any
// password; with one, only that password.
// AUTH [username] password
// https://redis.io/commands/auth
func cmdAuth(c *cmd) (resp.Value, error) {
	var user, pass []byte
	switch len(c.argv) {
	case 2:
		if !c.e.config.authRequired.Load() {
			return resp.Value{}, errAuthNoPassword
		}
		user, pass = []byte("default"), c.argv[1]
	case 3:
		user, pass = c.argv[1], c.argv[2]
	default:
		return resp.Value{}, errSyntax
	}
	if err := c.s.authenticate(user, pass); err != nil {
		return resp.Value{}, err
	}
	return resp.OK(), nil
}

// authenticate checks user and password and marks the client authenticated
// (ACLAuthenticateUser): the one entry point for AUTH and HELLO ... AUTH. WRONGPASS for
// an unknown user or a wrong password, and the client's state is left as it was.
func (s *session) authenticate(user, pass []byte) error {
	if string(user) != "default" {
		return errWrongPass
	}
	if want := s.e.config.get("requirepass"); want != "" && want != string(pass) {
		return errWrongPass
	}
	s.authenticated = true
	return nil
}

// RESET returns the connection to its state right after connecting
// (clearClientConnectionState; session.reset is the hook other state extends).
// RESET
// https://redis.io/commands/reset
//
// The subscriptions live in the server's registry: a subscribed client hands the server
// a call that drops them all (without a word, as Redis's pubsubUnsubscribeAllChannels(c,
// 0)), placed before the +RESET so no message published after RESET follows it.
func cmdReset(c *cmd) (resp.Value, error) {
	if c.s.subChannels+c.s.subPatterns > 0 {
		c.s.addCall(c.argv)
	}
	c.s.reset()
	return resp.Simple("RESET"), nil
}
