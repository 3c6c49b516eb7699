package pluginserver

import (
	"context"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// A provider process lives until its CLI tells it to stop. A CLI killed
// with SIGKILL tells it nothing: go-plugin waits for a Shutdown call that
// never comes, and the provider's stdin is the CLI's own (go-plugin hands
// it on), which the CLI's death does not close. A provider left so keeps
// its store open for ever, and a request it was serving may wait on a lock
// or a retry loop. So the served provider watches its parent, the CLI, and
// leaves when it is gone: it cancels the requests under way, gives them a
// moment to roll back, closes what it holds open and exits.
//
// The watch is off in debug mode (-debug), where a person starts the
// provider and CLIs attach to it through TF_REATTACH_PROVIDERS, and it is
// no part of NewServer, which the in-process acceptance tests serve.

// parentPoll is how often the provider looks for its parent: a provider
// orphaned by a kill leaves within about this long plus leaveGrace twice.
const parentPoll = time.Second

// leaveGrace bounds each step of leaving: the cancelled requests' return,
// then release. A request or store that does not return in time is left to
// the exit: the kernel drops the process's file locks and connections, and
// SQLite and PostgreSQL roll back a transaction that never committed.
const leaveGrace = 3 * time.Second

// exitOrphaned is the exit status of a provider that left because its CLI
// was gone; nobody waits for it, but a supervisor's log may show it.
const exitOrphaned = 3

// orphanable is Serve's server for a provider started by a CLI: the
// framework's, wrapped by New, and left when the process that started it,
// the CLI, is gone.
func orphanable(providerFunc func() provider.Provider, release func()) tfprotov6.ProviderServer {
	s := NewServer(providerFunc).(*server)
	alive := parentAlive() // now, before the parent can go
	go func() {
		awaitParentGone(alive, parentPoll)
		s.leave(release, leaveGrace)
		os.Exit(exitOrphaned)
	}()
	return s
}

// awaitParentGone returns once alive reports the parent gone, asking every
// interval.
func awaitParentGone(alive func() bool, every time.Duration) {
	for alive() {
		time.Sleep(every)
	}
}

// leave stops the server for good: it cancels the requests under way as
// the CLI's StopProvider would, waits up to grace for them to return,
// turning new ones away from then on, and runs release, also for at most
// grace. It reports whether the requests and release returned in time.
func (s *server) leave(release func(), grace time.Duration) (drained, released bool) {
	_, _ = s.StopProvider(context.Background(), &tfprotov6.StopProviderRequest{})
	drained = within(grace, s.running.Lock) // held until exit: no request starts again
	if release == nil {
		return drained, true
	}
	return drained, within(grace, release)
}

// within runs fn and reports whether it returned within d; if not, fn goes
// on running in the background.
func within(d time.Duration, fn func()) bool {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-done:
		return true
	case <-timer.C:
		return false
	}
}
