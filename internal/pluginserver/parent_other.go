//go:build !unix

package pluginserver

import "os"

// parentAlive reports whether the process that started this one still
// runs. Where a process is not handed to a new parent when its own dies
// (Windows), it waits on its parent's handle instead; if it cannot open
// or wait on it, it never reports the parent gone rather than leave on a
// false alarm.
func parentAlive() func() bool {
	exited := make(chan struct{})
	if parent, err := os.FindProcess(os.Getppid()); err == nil {
		go func() {
			if _, err := parent.Wait(); err == nil {
				close(exited)
			}
		}()
	}
	return func() bool {
		select {
		case <-exited:
			return false
		default:
			return true
		}
	}
}
