package main

import (
	"bufio"
	"context"
	"debug/elf"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// dockerfile is the part of the Dockerfile the container contract rests on.
type dockerfile struct {
	stages     int
	build      string            // the go build command of the build stage
	user       string            // USER of the final stage
	env        map[string]string // ENV of the final stage
	entrypoint []string
	cmd        []string
}

// parseDockerfile reads the instructions of a Dockerfile, joining
// continuation lines. It knows only what the contract test needs.
func parseDockerfile(path string) (dockerfile, error) {
	f, err := os.Open(path)
	if err != nil {
		return dockerfile{}, fmt.Errorf("open Dockerfile: %w", err)
	}
	defer f.Close()
	var lines []string
	var cur strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if strings.HasSuffix(l, `\`) {
			cur.WriteString(strings.TrimSuffix(l, `\`) + " ")
			continue
		}
		cur.WriteString(l)
		lines = append(lines, cur.String())
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		return dockerfile{}, fmt.Errorf("read Dockerfile: %w", err)
	}
	d := dockerfile{env: map[string]string{}}
	buildRe := regexp.MustCompile(`CGO_ENABLED=0 go build [^&;]*`)
	for _, l := range lines {
		instr, rest, _ := strings.Cut(l, " ")
		switch strings.ToUpper(instr) {
		case "FROM":
			d.stages++
			d.user, d.env = "", map[string]string{} // only the final stage counts
		case "RUN":
			if m := buildRe.FindString(rest); m != "" {
				d.build = strings.TrimSpace(m)
			}
		case "USER":
			d.user = strings.TrimSpace(rest)
		case "ENV":
			for _, kv := range strings.Fields(rest) {
				k, v, _ := strings.Cut(kv, "=")
				d.env[k] = v
			}
		case "ENTRYPOINT":
			if err := json.Unmarshal([]byte(rest), &d.entrypoint); err != nil {
				return d, fmt.Errorf("ENTRYPOINT is not an exec-form array: %w", err)
			}
		case "CMD":
			if err := json.Unmarshal([]byte(rest), &d.cmd); err != nil {
				return d, fmt.Errorf("CMD is not an exec-form array: %w", err)
			}
		}
	}
	return d, nil
}

// TestContainerContract checks what the Dockerfile promises without a Docker
// engine (none runs on the build machines): it runs the Dockerfile's own go
// build command, checks that the binary is static, then starts it the way the
// image does - the final stage's user, environment, entrypoint and command,
// an empty data folder owned by that user - and uses the API it serves.
func TestContainerContract(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the binary")
	}
	d, err := parseDockerfile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if d.stages < 2 {
		t.Errorf("Dockerfile has %d stages, want a multi-stage build", d.stages)
	}
	uid, gid, err := parseUser(d.user)
	if err != nil || uid == 0 {
		t.Fatalf("final stage USER %q: want a numeric non-root user (%v)", d.user, err)
	}
	if d.build == "" {
		t.Fatal("no `CGO_ENABLED=0 go build` in the Dockerfile")
	}
	if len(d.entrypoint) != 1 || d.entrypoint[0] != "/usr/local/bin/sangbad" || len(d.cmd) == 0 {
		t.Fatalf("ENTRYPOINT %q CMD %q: want the sangbad binary and a command", d.entrypoint, d.cmd)
	}

	dir := t.TempDir()
	// the user of the image must reach the binary and its data folder
	for p := dir; p != os.TempDir() && p != "/"; p = filepath.Dir(p) {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "sangbad")
	build := strings.NewReplacer("${VERSION}", "container-test", "/out/sangbad", bin).Replace(d.build)
	cmd := exec.Command("sh", "-c", build)
	cmd.Dir = "../.."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", build, err, out)
	}
	checkStatic(t, bin)

	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	asUser := os.Geteuid() == 0
	if asUser {
		if err := os.Chown(data, uid, gid); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Logf("not root: running as uid %d instead of the image's %d", os.Geteuid(), uid)
	}
	addr := freeAddr(t)
	env := []string{"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + data}
	for k, v := range d.env {
		switch k {
		case "SANGBAD_DATA_DIR":
			v = data
		case "SANGBAD_ADDR":
			if !strings.HasPrefix(v, "0.0.0.0:") {
				t.Errorf("SANGBAD_ADDR=%s: the image must listen on every interface", v)
			}
			v = addr // loopback in the test
		}
		env = append(env, k+"="+v)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv := exec.CommandContext(ctx, bin, d.cmd...)
	srv.Dir, srv.Env = data, env
	if asUser {
		srv.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	}
	logs := &strings.Builder{}
	srv.Stdout, srv.Stderr = logs, logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- srv.Wait() }()
	defer func() {
		if t.Failed() {
			t.Logf("server output:\n%s", logs.String())
		}
	}()

	base := "http://" + addr
	if err := waitHealthy(ctx, base, exited); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("testdata/seed_article_bn.txt")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]string{"text": string(seed), "published": "2023-12-12"})
	resp, err := http.Post(base+"/v1/analyze", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Language struct {
			Code string `json:"code"`
		} `json:"language"`
	}
	err = json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || got.Language.Code != "bn" {
		t.Errorf("POST /v1/analyze: %d, language %q, %v", resp.StatusCode, got.Language.Code, err)
	}
	// the queue wrote its store into the data folder as the image's user
	if asUser {
		checkOwned(t, data, uid)
	}

	if err := srv.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("still running 30 s after SIGTERM")
	}
}

func parseUser(s string) (uid, gid int, err error) {
	u, g, ok := strings.Cut(s, ":")
	if uid, err = strconv.Atoi(u); err != nil {
		return 0, 0, fmt.Errorf("user %q: %w", u, err)
	}
	gid = uid
	if ok {
		if gid, err = strconv.Atoi(g); err != nil {
			return 0, 0, fmt.Errorf("group %q: %w", g, err)
		}
	}
	return uid, gid, nil
}

// checkStatic fails unless bin needs no dynamic loader and no shared library,
// so that it runs on a base image with no libc.
func checkStatic(t *testing.T, bin string) {
	t.Helper()
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatalf("open binary: %v", err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("binary has a dynamic loader (PT_INTERP): not static")
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("binary needs shared libraries %v", libs)
	}
}

func checkOwned(t *testing.T, dir string, uid int) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != uid {
			t.Errorf("%s is owned by uid %d, want %d", p, st.Uid, uid)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("the server wrote nothing into its data folder")
	}
}

func waitHealthy(ctx context.Context, base string, exited <-chan error) error {
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-exited:
			return fmt.Errorf("server exited before it was healthy: %v", err)
		case <-ctx.Done():
			return fmt.Errorf("server not healthy: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}
