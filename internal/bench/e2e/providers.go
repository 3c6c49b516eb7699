package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// setup builds both providers and writes the CLI configuration that
// points both registries' addresses at them.
func setup(ctx context.Context, cfg *config) error {
	out, err := exec.CommandContext(ctx, cfg.cli, "version").Output()
	if err != nil {
		return fmt.Errorf("%s version: %w", cfg.cli, err)
	}
	cfg.cliVersion = strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])

	eniDir := filepath.Join(cfg.work, "providers", "eni")
	floorDir := filepath.Join(cfg.work, "providers", "floor")
	builds := [][]string{
		{"build", "-trimpath", "-o", filepath.Join(eniDir, "terraform-provider-eni"), "."},
		{"build", "-trimpath", "-o", filepath.Join(floorDir, "terraform-provider-floor"), "./internal/bench/floor/plugin"},
	}
	for _, args := range builds {
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = cfg.root
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
		}
	}
	cfg.cliConfig = filepath.Join(cfg.work, "cli.tfrc")
	if err := writeCLIConfig(cfg.cliConfig, eniDir, floorDir); err != nil {
		return err
	}
	if cfg.baseline == "" {
		return nil
	}
	baselineDir := filepath.Join(cfg.work, "providers", "baseline")
	if err := buildAt(ctx, cfg, cfg.baseline, filepath.Join(baselineDir, "terraform-provider-eni")); err != nil {
		return err
	}
	cfg.baselineRC = filepath.Join(cfg.work, "cli-baseline.tfrc")
	return writeCLIConfig(cfg.baselineRC, baselineDir, floorDir)
}

// writeCLIConfig points both registries' addresses of the eni and floor
// providers at the directories holding them.
func writeCLIConfig(path, eniDir, floorDir string) error {
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/eni/eni"     = %q
    "registry.opentofu.org/eni/eni"     = %q
    "registry.terraform.io/bench/floor" = %q
    "registry.opentofu.org/bench/floor" = %q
  }
  direct {}
}
`, eniDir, eniDir, floorDir, floorDir)
	return os.WriteFile(path, []byte(rc), 0o644)
}

// buildAt builds the provider as committed at rev into out, from a copy of
// that revision's tree (git archive), leaving the repository alone.
func buildAt(ctx context.Context, cfg *config, rev, out string) error {
	src := filepath.Join(cfg.work, "baseline-src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return err
	}
	archive := exec.CommandContext(ctx, "git", "-C", cfg.root, "archive", "--format=tar", rev)
	untar := exec.CommandContext(ctx, "tar", "-x", "-C", src)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return err
	}
	untar.Stdin = pipe
	archive.Stderr, untar.Stderr = os.Stderr, os.Stderr
	if err := untar.Start(); err != nil {
		return err
	}
	if err := archive.Run(); err != nil {
		return fmt.Errorf("git archive %s: %w", rev, err)
	}
	if err := untar.Wait(); err != nil {
		return fmt.Errorf("unpack %s: %w", rev, err)
	}
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", out, ".")
	build.Dir = src
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build the provider at %s: %w", rev, err)
	}
	return os.RemoveAll(src)
}
