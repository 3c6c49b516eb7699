package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestWatchProvidersSeesAChildThatExecsLate starts a child that runs a
// shell first and only then execs into the watched binary, as the CLI's
// fork-then-exec of a provider may be seen by a sample between the two:
// the provider must still be measured.
func TestWatchProvidersSeesAChildThatExecsLate(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep binary")
	}
	sleep, err = filepath.EvalSymlinks(sleep)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	watched := make(chan providerUsage, 1)
	go func() { watched <- watchProviders(os.Getpid(), filepath.Base(sleep), stop) }()
	// The shell runs for 200 ms before it becomes sleep: several samples
	// see it as a shell child first.
	cmd := exec.Command("sh", "-c", "sleep 0.2; exec "+sleep+" 0.5")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	close(stop)
	usage := <-watched
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if usage.peakKB == 0 {
		t.Fatalf("the child that became %s after exec was never measured: %+v", filepath.Base(sleep), usage)
	}
}

// TestWatchProvidersIgnoresOtherChildren: a child that never becomes the
// provider is not measured.
func TestWatchProvidersIgnoresOtherChildren(t *testing.T) {
	stop := make(chan struct{})
	watched := make(chan providerUsage, 1)
	go func() { watched <- watchProviders(os.Getpid(), "terraform-provider-none", stop) }()
	cmd := exec.Command("sh", "-c", "sleep 0.3")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	close(stop)
	usage := <-watched
	_ = cmd.Wait()
	if usage.peakKB != 0 || usage.cpu != 0 {
		t.Fatalf("measured a child that is not the provider: %+v", usage)
	}
}
