package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// nodeHost implements pulumirpc.LanguageRuntimeServer. Methods we do not
// need (codegen, Pack, Link, RunPlugin2) fall through to Unimplemented.
type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu           sync.Mutex
	engineAddr   string
	tracing      string
	tsDefault    string // -typescript flag, if given
	cancelCtx    context.Context
	cancelFunc   context.CancelFunc
	onEngineLost context.CancelFunc
}

func newHost(f hostFlags) *nodeHost {
	ctx, cancel := context.WithCancel(context.Background())
	return &nodeHost{
		engineAddr: f.engineAddr,
		tracing:    f.tracing,
		tsDefault:  f.typescript,
		cancelCtx:  ctx,
		cancelFunc: cancel,
	}
}

func (h *nodeHost) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddr
}

// cancelAll interrupts every node process we started.
func (h *nodeHost) cancelAll() { h.cancelFunc() }

func (h *nodeHost) Handshake(ctx context.Context,
	req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	h.engineAddr = req.GetEngineAddress()
	h.mu.Unlock()
	if h.engineAddr != "" && h.onEngineLost != nil {
		if err := rpcutil.Healthcheck(h.cancelCtx, h.engineAddr, 5*time.Minute, h.onEngineLost); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *nodeHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancelAll()
	return &emptypb.Empty{}, nil
}

func (h *nodeHost) RuntimeOptionsPrompts(context.Context,
	*pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *nodeHost) Template(context.Context, *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return &pulumirpc.TemplateResponse{}, nil
}

func (h *nodeHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	opts, err := h.options(req.GetInfo().GetOptions())
	if err != nil {
		return nil, err
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	resp := &pulumirpc.AboutResponse{Executable: nodeBin, Metadata: map[string]string{}}
	if out, err := exec.CommandContext(ctx, nodeBin, "--version").Output(); err == nil {
		resp.Version = strings.TrimSpace(string(out))
	}
	if pm, err := npm.ResolvePackageManager(opts.packageManager, req.GetInfo().GetProgramDirectory()); err == nil {
		resp.Metadata["packagemanager"] = pm.Name()
		if v, err := pm.Version(); err == nil {
			resp.Metadata["packagemanagerVersion"] = v.String()
		}
	}
	return resp, nil
}

// nodeOptions are the runtime options from Pulumi.yaml / PulumiPolicy.yaml.
type nodeOptions struct {
	typescript     bool
	tsconfig       string
	nodeargs       string
	packageManager npm.PackageManagerType
}

func (h *nodeHost) options(s *structpb.Struct) (nodeOptions, error) {
	o := nodeOptions{typescript: h.tsDefault != "false", packageManager: npm.AutoPackageManager}
	m := s.AsMap()
	if v, ok := m["typescript"]; ok {
		b, ok := v.(bool)
		if !ok {
			return o, errors.New("typescript option must be a boolean")
		}
		o.typescript = b
	}
	if v, ok := m["tsconfig"]; ok {
		str, ok := v.(string)
		if !ok {
			return o, errors.New("tsconfig option must be a string")
		}
		o.tsconfig = str
	}
	if v, ok := m["nodeargs"]; ok {
		str, ok := v.(string)
		if !ok {
			return o, errors.New("nodeargs option must be a string")
		}
		o.nodeargs = str
	}
	if v, ok := m["packagemanager"]; ok {
		str, _ := v.(string)
		switch str {
		case "auto", "npm", "yarn", "pnpm", "bun":
			o.packageManager = npm.PackageManagerType(str)
		default:
			return o, fmt.Errorf("packagemanager option must be one of auto, npm, yarn, pnpm or bun, got %v", v)
		}
	}
	return o, nil
}

// tsEnv is the environment telling @pulumi/pulumi's scripts to use ts-node.
func (o nodeOptions) tsEnv() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}

// resolveModule asks node for require.resolve(mod) from dir, so the
// @pulumi/pulumi installed for that program is the one used.
func resolveModule(ctx context.Context, nodeBin, dir, mod, hint string) (string, error) {
	script := fmt.Sprintf("try { console.log(require.resolve(%q)); } catch (e) { "+
		"console.error(e.code === 'MODULE_NOT_FOUND' ? %q : e.message); process.exit(1); }",
		mod, "It looks like the Pulumi SDK has not been installed. Have you run "+hint+"?")
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && len(ee.Stderr) > 0 {
			return "", errors.New(strings.TrimSpace(string(ee.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// programInfo returns the program directory and entry point of a request,
// falling back to the pre-ProgramInfo fields sent by older engines.
func programInfo(info *pulumirpc.ProgramInfo, program, pwd string) (dir, entry string) {
	if info != nil && info.GetProgramDirectory() != "" {
		entry = info.GetEntryPoint()
		if entry == "" {
			entry = "."
		}
		return info.GetProgramDirectory(), entry
	}
	dir, entry = pwd, program
	if entry == "" {
		entry = "."
	}
	if dir == "" && filepath.IsAbs(program) {
		dir = filepath.Dir(program)
	}
	return dir, entry
}
