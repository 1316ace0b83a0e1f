// Command pulumi-language-nodejs is orgplane's own Node.js language host for
// the Pulumi engine. The CLI starts it, reads the gRPC port it prints on
// stdout, and then asks it to run programs and plugins (policy packs) with
// the @pulumi/pulumi scripts found next to the program. See README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// version is reported by GetPluginInfo; override with -ldflags "-X main.version=...".
var version = "3.248.0"

// hostFlags are the flags we understand. The CLI passes --logtostderr, -v=N
// and --tracing before the engine address; the rest are accepted for
// compatibility with older launchers.
type hostFlags struct {
	tracing    string
	root       string
	typescript string // "" (unset), "true" or "false"
	showVer    bool
	engineAddr string
}

// valueFlags take a separate value when given as "-name value".
var valueFlags = map[string]bool{
	"tracing": true, "root": true, "binary": true, "tsconfig": true,
	"nodeargs": true, "packagemanager": true, "runtime": true, "v": true,
}

// parseArgs is a lenient flag parser: unknown flags are ignored, never fatal.
func parseArgs(args []string) hostFlags {
	var f hostFlags
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		name := strings.TrimLeft(a, "-")
		value, hasValue := "", false
		if k, v, ok := strings.Cut(name, "="); ok {
			name, value, hasValue = k, v, true
		} else if valueFlags[name] && i+1 < len(args) {
			i++
			value, hasValue = args[i], true
		}
		switch name {
		case "tracing":
			f.tracing = value
		case "root":
			f.root = value
		case "typescript":
			f.typescript = "true"
			if hasValue {
				f.typescript = value
			}
		case "version":
			f.showVer = true
		case "v", "logtostderr", "logflow":
			// Hand glog-style logging flags to the sdk logger.
			if !hasValue {
				value = "true"
			}
			if fl := flag.CommandLine.Lookup(name); fl != nil {
				_ = fl.Value.Set(value)
			}
		}
	}
	if len(positional) > 0 {
		f.engineAddr = positional[0]
	}
	return f
}

func main() {
	flags := parseArgs(os.Args[1:])
	if flags.showVer {
		fmt.Println(version)
		return
	}
	logging.InitLogging(false, 0, false)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	host := newHost(flags)
	if flags.engineAddr != "" {
		// Stop serving if the engine goes away, so we never linger.
		if err := rpcutil.Healthcheck(ctx, flags.engineAddr, 5*time.Minute, stop); err != nil {
			fatal("could not start engine health check: %v", err)
		}
	}
	host.onEngineLost = stop

	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		host.cancelAll()
		close(cancel)
	}()

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		fatal("could not start language host RPC server: %v", err)
	}
	// The CLI reads this line to learn where to connect.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		fatal("language host RPC stopped serving: %v", err)
	}
}

func fatal(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: "+format+"\n", args...)
	os.Exit(1)
}
