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
	closing  bool

	clients    sync.WaitGroup // connection goroutines
	background sync.WaitGroup // the expiry sweep and checkpoint goroutines
	stop       chan struct{}  // closed by Shutdown
}

// New returns a server for eng and starts its executor. It does not listen yet.
func New(eng engine.Engine, log *slog.Logger) *Server {
	s := &Server{engine: eng, exec: executor.New(eng), blocking: newBlockRegistry(eng),
		pubsub: newPubSubRegistry(), log: log, conns: map[net.Conn]struct{}{}, stop: make(chan struct{})}
	s.exec.SetAfterGroup(s.blocking.afterGroup)
	return s
}

// PubSubChannels and PubSubPatterns count active channels and distinct patterns (INFO's
// pubsub_channels and pubsub_patterns).
func (s *Server) PubSubChannels() int { return s.pubsub.Channels() }
func (s *Server) PubSubPatterns() int { return s.pubsub.Patterns() }

// BlockedClients is how many clients wait in a blocking command (INFO's blocked_clients).
func (s *Server) BlockedClients() int { return s.blocking.Blocked() }

// Serve accepts clients on l until Shutdown. It returns nil after a clean shutdown.
func (s *Server) Serve(l net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		return l.Close()
	}
	s.listener = l
	s.mu.Unlock()

	s.background.Add(2)
	go s.sweepExpired()
	go s.checkpoint()

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
		if !s.track(c) {
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
		s.mu.Unlock()
		return nil
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
	return s.engine.Close()
}

func (s *Server) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

func (s *Server) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.conns[c] = struct{}{}
	return true
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

	session, err := s.engine.NewSession()
	if err != nil {
		s.log.Error("new session", "err", err)
		c.Write([]byte("-ERR " + err.Error() + "\r\n"))
		return
	}
	defer session.Close()

	job := executor.NewJob(session)
	bc := &blockingClient{}
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
		n, err := c.Read(buf[pending:])
		pending += n
		if n > 0 {
			consumed, closing, block := s.runBatches(c, session, job, pc, buf[:pending])
			if block != nil {
				// Blocked: wait, then run the input again from the blocking command
				// (buf[consumed:]) until nothing blocks.
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
			serverCloses = s.isClosing()
			if err != io.EOF && !s.isClosing() && !errors.Is(err, net.ErrClosed) {
				s.log.Debug("read", "client", c.RemoteAddr().String(), "err", err)
			}
			return
		}
	}
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
			job.Size = result.Consumed
			s.exec.Submit(job)
			result, err = job.Result, job.Err
		}
		if len(result.Replies) > 0 {
			if werr := s.send(c, pc, result.Replies); werr != nil {
				return consumed, true, nil
			}
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

// serveBlocked waits for a client blocked at buf[consumed:], then runs its input again
// from the blocking command until nothing blocks; a timeout replies the command's timeout
// reply and skips it. It returns the buffer, its pending bytes and how many are consumed
// (as runBatches), whether the connection must close, and whether the client is gone.
func (s *Server) serveBlocked(c net.Conn, session engine.Session, job *executor.Job, bc *blockingClient,
	pc *pubsubClient, buf []byte, pending, consumed int, block *engine.Block) ([]byte, int, int, bool, bool) {
	var deadline time.Time
	newBlock := true
	for block != nil {
		// Keep the blocking command at the front of the buffer.
		pending = copy(buf, buf[consumed:pending])
		consumed = 0
		if newBlock && block.Timeout > 0 {
			deadline = time.Now().Add(block.Timeout)
		} else if newBlock {
			deadline = time.Time{}
		}
		var outcome waitOutcome
		buf, pending, outcome = s.waitBlocked(c, bc, buf, pending, deadline)
		var closing bool
		switch outcome {
		case waitGone:
			return buf, pending, 0, false, true
		case waitTimeout:
			if err := s.send(c, pc, block.TimeoutReply); err != nil {
				return buf, pending, 0, false, true
			}
			skip := block.CommandLen
			consumed, closing, block = s.runBatches(c, session, job, pc, buf[skip:pending])
			consumed += skip
			newBlock = true
		case waitWoken:
			consumed, closing, block = s.runBatches(c, session, job, pc, buf[:pending])
			// Blocking at the very same command keeps its deadline.
			newBlock = consumed > 0
		}
		if closing {
			return buf, pending, consumed, true, false
		}
	}
	return buf, pending, consumed, false, false
}

// Active expiry, like Redis's: a few times a second delete a small batch of expired keys,
// and keep going while batches come back full. Lazy expiry already hides them; this only
// reclaims the space of keys nobody touches again.
const (
	sweepEvery    = 100 * time.Millisecond
	sweepBatch    = 200
	sweepMaxSteps = 10 // batches per tick, so the sweep never holds the writer for long
)

func (s *Server) sweepExpired() {
	defer s.background.Done()
	tick := time.NewTicker(sweepEvery)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
		for range sweepMaxSteps {
			var n int
			var err error
			if !s.exec.Do(func() { n, err = s.engine.SweepExpired(sweepBatch) }) {
				return
			}
			if err != nil {
				s.log.Warn("expiry sweep", "err", err)
				break
			}
			if n < sweepBatch {
				break
			}
		}
	}
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

func (s *Server) checkpoint() {
	defer s.background.Done()
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
		frames, err := s.engine.Checkpoint()
		if err == nil && (frames < 0 || frames >= walRestartFrames) {
			if !s.exec.Do(func() { err = s.engine.CheckpointOnWriter() }) {
				return
			}
		}
		if err != nil {
			s.log.Warn("checkpoint", "err", err)
		}
	}
}
