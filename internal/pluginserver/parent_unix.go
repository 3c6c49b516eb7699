//go:build unix

package pluginserver

import "os"

// parentAlive reports whether the process that started this one still
// runs. A Unix process whose parent dies is handed to init or to a
// subreaper, so its parent's ID changes; a CLI that is itself PID 1 (in a
// container) never dies before its children, so an unchanged ID of 1 is no
// false alarm.
func parentAlive() func() bool {
	parent := os.Getppid()
	return func() bool { return os.Getppid() == parent }
}
