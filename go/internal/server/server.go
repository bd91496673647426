// Package server owns the network: the TCP accept loop, one goroutine per client, the
// executor that runs write batches in groups, and the background loops (expiry sweep,
// checkpoints). It never parses a command: it reads what a client sent, hands the bytes
// to the client's engine.Session (and, when the batch writes, to the executor), and
// writes the replies back in one write.
package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"syscall"
	"time"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/executor"
)

// Server serves one engine on one listener.
type Server struct {
	engine   engine.Engine
	exec     *executor.Executor
	blocking *blockRegistry
	pubsub   *pubsubRegistry
	log      *slog.Logger

	mu       sync.Mutex
	listener net.Listener
	conns    map[net.Conn]struct{}
	byID     map[int64]net.Conn // client id -> connection, for CLIENT KILL
	closing  bool

	clients    sync.WaitGroup // connection goroutines
	background sync.WaitGroup // the expiry sweep and checkpoint goroutines
	stop       chan struct{}  // closed by Shutdown
	shutDown   chan struct{}  // closed once Shutdown has closed the engine

	limits Limits
}

// New returns a server for eng and starts its executor. It does not listen yet.
func New(eng engine.Engine, log *slog.Logger) *Server {
	s := &Server{engine: eng, exec: executor.New(eng), blocking: newBlockRegistry(eng),
		pubsub: newPubSubRegistry(eng), log: log, conns: map[net.Conn]struct{}{},
		byID: map[int64]net.Conn{}, stop: make(chan struct{}), shutDown: make(chan struct{})}
	s.exec.SetAfterGroup(s.blocking.afterGroup)
	s.limits.setDefaults()
	return s
}

// Serve accepts clients on l until Shutdown. It returns nil after a clean shutdown.
func (s *Server) Serve(l net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		return l.Close()
	}
	s.listener = l
	s.mu.Unlock()

	s.readConfig()
	s.background.Add(2)
	go s.every(sweepEvery, s.sweepExpired)
	go s.every(checkpointEvery, s.checkpoint)

	for {
		c, err := l.Accept()
		if err != nil {
			if s.isClosing() {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			return err
		}
		refuse := ""
		tracked, full := s.track(c)
		switch {
		case full:
			refuse = "-ERR max number of clients reached\r\n"
			s.engine.RejectedConnection()
		case tracked && s.limits.denied(c.RemoteAddr()):
			s.untrack(c)
			tracked, refuse = false, deniedReply
		}
		if refuse != "" {
			s.clients.Add(1)
			go func() {
				defer s.clients.Done()
				c.Write([]byte(refuse))
				lingeringClose(c)
			}()
			continue
		}
		if !tracked {
			c.Close()
			continue
		}
		s.clients.Add(1)
		go s.serveClient(c)
	}
}

// Shutdown stops accepting, lets every in-flight batch finish and write its replies,
// closes the connections, stops the executor, and closes the engine (and so the
// database).
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	if s.closing {
		// Another Shutdown (SIGTERM, the SHUTDOWN command) is under way: wait for it, so
		// the process does not exit before the database is closed.
		s.mu.Unlock()
		select {
		case <-s.shutDown:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	s.closing = true
	close(s.stop)
	if s.listener != nil {
		s.listener.Close()
	}
	// Wake every client blocked in Read; a client inside a batch (or waiting for its
	// group) finishes it first and then sees the deadline on its next read.
	for c := range s.conns {
		c.SetReadDeadline(time.Now())
	}
	s.mu.Unlock()

	done := make(chan struct{})
	go func() {
		s.clients.Wait()
		s.background.Wait()
		s.exec.Stop()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	err := s.engine.Close()
	close(s.shutDown)
	return err
}

func (s *Server) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

// track registers a new client; full when that would pass maxclients.
func (s *Server) track(c net.Conn) (tracked, full bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false, false
	}
	if int64(len(s.conns)) >= s.limits.MaxClients.Load() {
		return false, true
	}
	s.conns[c] = struct{}{}
	return true, false
}

func (s *Server) untrack(c net.Conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
}

// readChunk is how much a client's buffer grows by when a command does not fit yet.
const readChunk = 16 * 1024

// serveClient is the pipeline loop: read what the socket has, run every complete command
// in it as one batch, write all the replies in one write, keep the incomplete tail.
func (s *Server) serveClient(c net.Conn) {
	defer s.clients.Done()
	defer s.untrack(c)
	serverCloses := false // set when we end the connection, not the client
	defer func() {
		if serverCloses {
			lingeringClose(c)
		} else {
			c.Close()
		}
	}()

	session, err := s.engine.NewClientSession(connInfo(c))
	if err != nil {
		s.log.Error("new session", "err", err)
		c.Write([]byte("-ERR " + err.Error() + "\r\n"))
		return
	}
	defer session.Close()
	s.mu.Lock()
	s.byID[session.ID()] = c
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.byID, session.ID())
		s.mu.Unlock()
	}()

	job := executor.NewJob(session)
	bc := &blockingClient{conn: c}
	job.Tag = bc
	pc := &pubsubClient{session: session, proto: 2}
	defer func() {
		if pc.sub != nil { // before the connection closes: flush what is queued
			s.pubsub.leave(pc.sub)
			pc.sub.close()
		}
	}()
	buf := make([]byte, readChunk)
	pending := 0 // bytes of buf holding input not yet consumed
	for {
		if pending == len(buf) {
			// A command larger than the buffer: grow it. The engine never preallocates
			// for declared lengths, so memory follows the bytes that actually arrived.
			grown := make([]byte, len(buf)*2)
			copy(grown, buf[:pending])
			buf = grown
		}
		if idle := s.limits.IdleTimeout.Load(); idle > 0 {
			c.SetReadDeadline(time.Now().Add(time.Duration(idle) * time.Second))
			// Shutdown sets closing, then wakes every reader with a past deadline: seen
			// here, or its deadline comes after ours.
			if s.isClosing() {
				serverCloses = true
				return
			}
		}
		n, err := c.Read(buf[pending:])
		pending += n
		if int64(pending) > s.limits.QueryBufferLimit.Load() {
			// Redis's client-query-buffer-limit: a command this large (or a pipeline
			// never parsed this far) closes the connection without a reply.
			s.log.Warn("closing client that reached the query buffer limit", "client", c.RemoteAddr().String())
			serverCloses = true
			return
		}
		if n > 0 {
			consumed, closing, block := s.runBatches(c, session, job, pc, buf[:pending])
			if block != nil {
				// Blocked: wait until served (or timed out), then run the rest of the
				// input until nothing blocks.
				var gone bool
				buf, pending, consumed, closing, gone = s.serveBlocked(c, session, job, bc, pc, buf, pending, consumed, block)
				if gone {
					serverCloses = s.isClosing()
					return
				}
			}
			if closing {
				serverCloses = true
				return
			}
			// Keep the incomplete tail at the front of the buffer for the next read.
			pending = copy(buf, buf[consumed:pending])
			if pending == 0 && len(buf) > 4*readChunk {
				buf = make([]byte, readChunk) // give back a buffer grown by one big command
			}
		}
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() && !s.isClosing() {
				return // idle past the timeout: Redis closes without a word
			}
			serverCloses = s.isClosing()
			if err != io.EOF && !s.isClosing() && !errors.Is(err, net.ErrClosed) {
				s.log.Debug("read", "client", c.RemoteAddr().String(), "err", err)
			}
			return
		}
	}
}

// connInfo is what CLIENT LIST shows of c: both addresses and the socket's descriptor.
func connInfo(c net.Conn) engine.ConnInfo {
	info := engine.ConnInfo{Addr: c.RemoteAddr().String(), LAddr: c.LocalAddr().String(), FD: -1}
	if sc, ok := c.(syscall.Conn); ok {
		if raw, err := sc.SyscallConn(); err == nil {
			raw.Control(func(fd uintptr) { info.FD = int(fd) })
		}
	}
	return info
}

// kill closes the connections of the clients CLIENT KILL chose; their goroutines see
// the closed socket and end their sessions. It reports whether self is among them (its
// connection closes after its replies, like Redis's CLIENT_CLOSE_AFTER_REPLY).
func (s *Server) kill(ids []int64, self int64) bool {
	killedSelf := false
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if id == self {
			killedSelf = true
			continue
		}
		if c, ok := s.byID[id]; ok {
			c.Close()
		}
	}
	return killedSelf
}

// lingerTime bounds how long a closing connection keeps reading (and discarding) what
// the client still sends.
const lingerTime = time.Second

// lingeringClose closes a connection the server chose to end (QUIT, a protocol error,
// shutdown) without losing the replies already written: closing a socket whose receive
// buffer still holds unread input makes the kernel send RST, and the client may then
// drop replies it had not read yet. So send FIN first and drain the input briefly.
func lingeringClose(c net.Conn) {
	defer c.Close()
	tcp, ok := c.(*net.TCPConn)
	if !ok || tcp.CloseWrite() != nil {
		return
	}
	c.SetReadDeadline(time.Now().Add(lingerTime))
	io.Copy(io.Discard, c)
}

// runBatches runs every complete command of input, one bounded batch after another,
// and writes each batch's replies in one write. A batch that writes waits for its group
// in the executor. It returns the bytes consumed, and whether the connection must close.
func (s *Server) runBatches(c net.Conn, session engine.Session, job *executor.Job, pc *pubsubClient, input []byte) (int, bool, *engine.Block) {
	consumed := 0
	for {
		result, err := session.Exec(input[consumed:])
		if err == nil && result.Action == engine.ActionNeedsWriter {
			job.Size, job.Input = result.Consumed, input[consumed:]
			s.exec.Submit(job)
			job.Input = nil
			result, err = job.Result, job.Err
		}
		if result.ConfigChanged {
			s.readConfig() // CONFIG SET applies before its reply, as in Redis
		}
		// Redis closes the connections CLIENT KILL chose before it replies: a client told
		// ":1" never finds its victim still open.
		killedSelf := len(result.Killed) > 0 && s.kill(result.Killed, session.ID())
		if werr := s.sendResult(c, pc, &result); werr != nil {
			return consumed, true, nil
		}
		if killedSelf {
			return consumed, true, nil // CLIENT KILL chose this connection too
		}
		if err != nil {
			if !errors.Is(err, engine.ErrClosed) {
				s.log.Error("exec", "client", c.RemoteAddr().String(), "err", err)
			}
			s.send(c, pc, []byte("-ERR internal error\r\n"))
			return consumed, true, nil
		}
		if result.Action == engine.ActionClose {
			return consumed, true, nil
		}
		consumed += result.Consumed
		if result.Action == engine.ActionBlock {
			return consumed, false, result.Block
		}
		if result.Proto != 0 && result.Proto != pc.proto {
			// HELLO switched the protocol: what the server sends itself (pub/sub
			// confirmations and messages) follows.
			pc.proto = result.Proto
			if pc.sub != nil {
				pc.sub.proto.Store(int32(result.Proto))
			}
		}
		if result.Action == engine.ActionPubSub {
			consumed += s.runPubSub(c, pc, input[consumed:])
			if consumed >= len(input) {
				return consumed, false, nil
			}
			continue
		}
		if result.Action != engine.ActionMore || result.Consumed == 0 {
			return consumed, false, nil
		}
	}
}

// serveBlocked waits for a client blocked at buf[consumed:] until the executor serves
// its blocking command or the timeout passes, sends the reply it was served (or the
// command's timeout reply), then runs the rest of its input, until nothing blocks. It
// returns the buffer, its pending bytes and how many are consumed (as runBatches),
// whether the connection must close, and whether the client is gone.
func (s *Server) serveBlocked(c net.Conn, session engine.Session, job *executor.Job, bc *blockingClient,
	pc *pubsubClient, buf []byte, pending, consumed int, block *engine.Block) ([]byte, int, int, bool, bool) {
	for block != nil {
		// Keep the blocking command at the front of the buffer.
		pending = copy(buf, buf[consumed:pending])
		var deadline time.Time
		if block.Timeout > 0 {
			deadline = time.Now().Add(block.Timeout)
		}
		var outcome waitOutcome
		buf, pending, outcome = s.waitBlocked(c, bc, buf, pending, deadline)
		if outcome == waitGone {
			return buf, pending, 0, false, true
		}
		reply := block.TimeoutReply
		if outcome == waitServed {
			served, err := bc.takeServed()
			if err != nil {
				if !errors.Is(err, engine.ErrClosed) {
					s.log.Error("exec", "client", c.RemoteAddr().String(), "err", err)
				}
				s.send(c, pc, []byte("-ERR internal error\r\n"))
				return buf, pending, 0, true, false
			}
			reply = served
		}
		if err := s.send(c, pc, reply); err != nil {
			return buf, pending, 0, false, true
		}
		skip := block.CommandLen
		if outcome == waitServed && s.isClosing() {
			// Served as the server stops: the reply is out, the rest of the input is not
			// run (as for every client at shutdown).
			return buf, pending, skip, true, false
		}
		var closing bool
		consumed, closing, block = s.runBatches(c, session, job, pc, buf[skip:pending])
		consumed += skip
		if closing {
			return buf, pending, consumed, true, false
		}
	}
	return buf, pending, consumed, false, false
}

// every runs step every d until Shutdown, or until step says the executor has stopped:
// the background loops (expiry sweep, checkpoints, following CONFIG).
func (s *Server) every(d time.Duration, step func() bool) {
	defer s.background.Done()
	tick := time.NewTicker(d)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
		if !step() {
			return
		}
	}
}

// Active expiry, like Redis's: a few times a second delete a small batch of expired keys,
// and keep going while batches come back full. Lazy expiry already hides them; this only
// reclaims the space of keys nobody touches again.
const (
	sweepEvery    = 100 * time.Millisecond
	sweepBatch    = 200
	sweepMaxSteps = 10 // batches per tick, so the sweep never holds the writer for long
)

func (s *Server) sweepExpired() bool {
	for range sweepMaxSteps {
		var n int
		var err error
		if !s.exec.Do(func() { n, err = s.engine.SweepExpired(sweepBatch) }) {
			return false
		}
		if err != nil {
			s.log.Warn("expiry sweep", "err", err)
			break
		}
		if n < sweepBatch {
			break
		}
	}
	return true
}

// Checkpoints. The writer never checkpoints in a commit (that would stall every client
// of the group for milliseconds): every checkpointEvery the engine copies the WAL into
// the database file from a connection of its own, in parallel with the groups; a page
// written many times in that window is copied once. Once the WAL holds walRestartFrames
// frames, the executor also runs a short checkpoint on the writer between two groups to
// copy the last frames, so the next group starts the WAL over instead of growing it.
const (
	checkpointEvery  = 200 * time.Millisecond
	walRestartFrames = 4096 // 16 MiB of 4 KiB pages
)

func (s *Server) checkpoint() bool {
	frames, err := s.engine.Checkpoint()
	if err == nil && (frames < 0 || frames >= walRestartFrames) {
		if !s.exec.Do(func() { err = s.engine.CheckpointOnWriter() }) {
			return false
		}
	}
	if err != nil {
		s.log.Warn("checkpoint", "err", err)
	}
	return true
}
