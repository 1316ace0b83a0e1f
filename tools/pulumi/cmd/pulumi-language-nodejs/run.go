package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/google/shlex"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	// Script in @pulumi/pulumi that loads and runs a program.
	defaultRunPath = "@pulumi/pulumi/cmd/run"
	// Exit code of that script when it already showed the user the error.
	exitAlreadyReported = 32
)

// Run executes a Pulumi program with node and reports how it ended.
// Program errors are returned in RunResponse, never as gRPC errors.
func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	fail := func(err error) (*pulumirpc.RunResponse, error) {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if req.GetAttachDebugger() {
		return fail(errors.New("this Node.js language host does not support attaching a debugger"))
	}
	dir, entry := programInfo(req.GetInfo(), req.GetProgram(), req.GetPwd())

	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return fail(fmt.Errorf("could not find node on the $PATH: %w", err))
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = defaultRunPath
	}
	if runPath, err = resolveModule(ctx, nodeBin, dir, runPath, "pulumi install"); err != nil {
		return fail(err)
	}
	opts, err := h.options(req.GetInfo().GetOptions())
	if err != nil {
		return fail(err)
	}
	cfg, err := configJSON(req.GetConfig())
	if err != nil {
		return fail(fmt.Errorf("failed to serialize configuration: %w", err))
	}
	secretKeys, err := json.Marshal(nonNil(req.GetConfigSecretKeys()))
	if err != nil {
		return fail(fmt.Errorf("failed to serialize configuration secret keys: %w", err))
	}
	nodeArgs, err := shlex.Split(opts.nodeargs)
	if err != nil {
		return fail(err)
	}

	args := append(nodeArgs, runPath)
	flag := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	// The engine's monitor is passed straight through (no proxy); the
	// @pulumi/pulumi 3.x SDK no longer uses the --sync invoke pipes.
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.engine())
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("root-directory", req.GetInfo().GetRootDirectory())
	flag("stack", req.GetStack())
	flag("pwd", dir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	flag("tracing", h.tracing)
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	env := append(os.Environ(),
		"PULUMI_CONFIG="+cfg,
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))
	env = append(env, opts.tsEnv()...)

	// Stop node when the engine cancels us or the request goes away.
	cmdCtx, cancel := context.WithCancel(h.cancelCtx)
	defer cancel()
	stopWatch := context.AfterFunc(ctx, cancel)
	defer stopWatch()

	cmd := exec.CommandContext(cmdCtx, nodeBin, args...)
	cmd.Env = env
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	// Wrap the writers so node gets pipes, not our own fds: node may switch
	// its stdio to non-blocking mode, which would break the CLI's reads.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	logging.V(5).Infof("language host launching: %s", cmd)

	err = cmd.Run()
	_ = os.Stdout.Sync()
	_ = os.Stderr.Sync()
	if err == nil {
		return &pulumirpc.RunResponse{}, nil
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return fail(fmt.Errorf("Problem executing program (could not run language executor): %w", err))
	}
	switch code := ee.ExitCode(); code {
	case exitAlreadyReported:
		// The program already logged a good error; just stop.
		return &pulumirpc.RunResponse{Bail: true}, nil
	case 0:
		return fail(fmt.Errorf("Program exited unexpectedly: %w", ee))
	default:
		return fail(fmt.Errorf("Program exited with non-zero exit code: %d", code))
	}
}

// configJSON renders config for @pulumi/pulumi, using the "<ns>:config:<name>"
// key form that every 3.x SDK understands.
func configJSON(cfg map[string]string) (string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	b, err := json.Marshal(out)
	return string(b), err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
