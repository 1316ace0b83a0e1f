package main

import (
	"os"
	"path/filepath"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

func TestParseArgsIgnoresUnknownFlags(t *testing.T) {
	f := parseArgs([]string{"--logtostderr", "-v=9", "--tracing", "127.0.0.1:9", "-unknown",
		"-typescript=false", "-root", "/r", "--other=1", "127.0.0.1:1234"})
	if f.engineAddr != "127.0.0.1:1234" || f.tracing != "127.0.0.1:9" || f.root != "/r" || f.typescript != "false" {
		t.Fatalf("unexpected flags: %+v", f)
	}
}

func TestProgramInfo(t *testing.T) {
	dir, entry := programInfo(&pulumirpc.ProgramInfo{ProgramDirectory: "/p", EntryPoint: "bin/index.js"}, "", "")
	if dir != "/p" || entry != "bin/index.js" {
		t.Fatalf("got %q %q", dir, entry)
	}
	dir, entry = programInfo(nil, "", "/old")
	if dir != "/old" || entry != "." {
		t.Fatalf("legacy: got %q %q", dir, entry)
	}
}

func TestConfigJSON(t *testing.T) {
	got, err := configJSON(map[string]string{"proj:greeting": "hi"})
	if err != nil || got != `{"proj:config:greeting":"hi"}` {
		t.Fatalf("got %s, %v", got, err)
	}
}

func TestOptions(t *testing.T) {
	h := newHost(hostFlags{})
	s, _ := structpb.NewStruct(map[string]any{"typescript": false, "tsconfig": "tsconfig.x.json"})
	o, err := h.options(s)
	if err != nil || o.typescript || len(o.tsEnv()) != 1 {
		t.Fatalf("got %+v, %v", o, err)
	}
	if o, _ := h.options(nil); !o.typescript {
		t.Fatal("typescript must default to true")
	}
}

func TestScanPackages(t *testing.T) {
	root := t.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("package.json", `{"name":"prog","pulumi":{"resource":true}}`)
	write("node_modules/@pulumi/random/package.json", `{"name":"@pulumi/random","version":"4.1.0","pulumi":{"resource":true}}`)
	write("node_modules/@pulumi/pulumi/package.json", `{"name":"@pulumi/pulumi","version":"3.248.0","pulumi":{}}`)
	write("policy/PulumiPolicy.yaml", "runtime: nodejs\n")
	write("policy/node_modules/@pulumi/aws/package.json", `{"name":"@pulumi/aws","version":"6.0.0","pulumi":{"resource":true}}`)
	pkgs := scanPackages(root)
	if len(pkgs) != 1 || pkgs[0].Name != "random" || pkgs[0].Version != "v4.1.0" {
		t.Fatalf("got %v", pkgs)
	}
}
