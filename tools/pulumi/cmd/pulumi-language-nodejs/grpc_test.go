package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/structpb"
)

// dialHost serves a new host on a loopback listener and returns a client
// connected to it over real gRPC, as the CLI talks to the host.
func dialHost(t *testing.T) pulumirpc.LanguageRuntimeClient {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer()
	pulumirpc.RegisterLanguageRuntimeServer(srv, newHost(hostFlags{}))
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return pulumirpc.NewLanguageRuntimeClient(conn)
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

func options(t *testing.T, m map[string]any) *structpb.Struct {
	t.Helper()
	s, err := structpb.NewStruct(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func callCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestGRPCGetRequiredPackages(t *testing.T) {
	client := dialHost(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "node_modules/@pulumi/random/package.json"),
		`{"name":"@pulumi/random","version":"4.1.0","pulumi":{"resource":true}}`)
	writeFile(t, filepath.Join(dir, "node_modules/@pulumi/pulumi/package.json"),
		`{"name":"@pulumi/pulumi","version":"3.248.0","pulumi":{}}`)
	resp, err := client.GetRequiredPackages(callCtx(t), &pulumirpc.GetRequiredPackagesRequest{
		Info: &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: "."},
	})
	if err != nil {
		t.Fatal(err)
	}
	pkgs := resp.GetPackages()
	if len(pkgs) != 1 || pkgs[0].GetName() != "random" || pkgs[0].GetVersion() != "v4.1.0" ||
		pkgs[0].GetKind() != "resource" {
		t.Fatalf("got %v", pkgs)
	}
}

func TestGRPCInstallDependencies(t *testing.T) {
	client := dialHost(t)
	dir := t.TempDir()
	// A dependency from the local disk: npm needs no registry for it.
	writeFile(t, filepath.Join(dir, "package.json"),
		`{"name":"grpc-install","version":"1.0.0","private":true,"dependencies":{"local-dep":"file:./local-dep"}}`)
	writeFile(t, filepath.Join(dir, "local-dep/package.json"), `{"name":"local-dep","version":"1.0.0"}`)
	stream, err := client.InstallDependencies(callCtx(t), &pulumirpc.InstallDependenciesRequest{
		Info: &pulumirpc.ProgramInfo{
			RootDirectory: dir, ProgramDirectory: dir, EntryPoint: ".",
			Options: options(t, map[string]any{"packagemanager": "npm"}),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("install failed: %v\n%s", err, out.String())
		}
		out.Write(msg.GetStdout())
		out.Write(msg.GetStderr())
	}
	for _, want := range []string{"Installing dependencies...", "Finished installing dependencies"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("output lacks %q:\n%s", want, out.String())
		}
	}
	// npm ran in the program directory and installed the dependency there.
	if _, err := os.Stat(filepath.Join(dir, "node_modules/local-dep/package.json")); err != nil {
		t.Fatalf("dependency not installed: %v", err)
	}
}

// A stand-in for @pulumi/pulumi/cmd/run: it writes what node was given (node
// arguments, script arguments, the config environment) to report.json and
// exits with the code the program's first argument names.
const fakeRun = `
const fs = require("fs");
const argv = process.argv.slice(2);
fs.writeFileSync(process.env.FAKE_RUN_REPORT, JSON.stringify({
  execArgv: process.execArgv, argv,
  config: process.env.PULUMI_CONFIG, secretKeys: process.env.PULUMI_CONFIG_SECRET_KEYS,
  typescript: process.env.PULUMI_NODEJS_TYPESCRIPT || "",
}));
process.exit(Number(argv[argv.length - 1]));
`

type runReport struct {
	ExecArgv   []string `json:"execArgv"`
	Argv       []string `json:"argv"`
	Config     string   `json:"config"`
	SecretKeys string   `json:"secretKeys"`
	Typescript string   `json:"typescript"`
}

func TestGRPCRun(t *testing.T) {
	client := dialHost(t)
	dir := t.TempDir()
	script := filepath.Join(dir, "fake-run.js")
	writeFile(t, script, fakeRun)
	report := filepath.Join(dir, "report.json")
	t.Setenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH", script)
	t.Setenv("FAKE_RUN_REPORT", report)

	run := func(exitCode string) *pulumirpc.RunResponse {
		t.Helper()
		resp, err := client.Run(callCtx(t), &pulumirpc.RunRequest{
			Project: "proj", Stack: "dev", MonitorAddress: "127.0.0.1:1", DryRun: true, Parallel: 4,
			Config:           map[string]string{"proj:greeting": "hi"},
			ConfigSecretKeys: []string{"proj:greeting"},
			Args:             []string{exitCode},
			Info: &pulumirpc.ProgramInfo{
				RootDirectory: dir, ProgramDirectory: dir, EntryPoint: "index.ts",
				Options: options(t, map[string]any{"typescript": true, "nodeargs": "--no-deprecation --max-old-space-size=256"}),
			},
		})
		if err != nil {
			t.Fatalf("Run is a gRPC error, not a RunResponse: %v", err)
		}
		return resp
	}

	if resp := run("0"); resp.GetError() != "" || resp.GetBail() {
		t.Fatalf("exit 0: got %+v", resp)
	}
	var got runReport
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.ExecArgv, " ") != "--no-deprecation --max-old-space-size=256" {
		t.Errorf("nodeargs: got %q", got.ExecArgv)
	}
	want := "--monitor 127.0.0.1:1 --project proj --root-directory " + dir + " --stack dev --pwd " + dir +
		" --dry-run --parallel 4 index.ts 0"
	if strings.Join(got.Argv, " ") != want {
		t.Errorf("arguments:\n got %q\nwant %q", strings.Join(got.Argv, " "), want)
	}
	if got.Config != `{"proj:config:greeting":"hi"}` || got.SecretKeys != `["proj:greeting"]` {
		t.Errorf("config: got %s %s", got.Config, got.SecretKeys)
	}
	if got.Typescript != "true" {
		t.Errorf("typescript: got %q", got.Typescript)
	}

	// Exit 32: the program already reported its error, so the engine bails.
	if resp := run("32"); !resp.GetBail() || resp.GetError() != "" {
		t.Fatalf("exit 32: got %+v", resp)
	}
	if resp := run("3"); resp.GetError() != "Program exited with non-zero exit code: 3" {
		t.Fatalf("exit 3: got %+v", resp)
	}
}
