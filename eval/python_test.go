package eval

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// scriptPath is the reference script, relative to the package directory.
const scriptPath = "../../shared/tools/score_attrib.py"

// python returns the path of the python3 interpreter, or skips the test
// when there is none. It resolves launchers such as pyenv shims to the
// interpreter itself once, as they take long to start.
func python(t testing.TB) string {
	t.Helper()
	pythonOnce.Do(func() {
		p, err := exec.LookPath("python3")
		if err != nil {
			return
		}
		pythonPath = p
		if out, err := exec.Command(p, "-c", "import sys; print(sys.executable)").Output(); err == nil {
			if exe := strings.TrimSpace(string(out)); exe != "" {
				pythonPath = exe
			}
		}
	})
	if pythonPath == "" {
		t.Skip("python3 not found: skipping the comparison with Python")
	}
	return pythonPath
}

var (
	pythonOnce sync.Once
	pythonPath string
)

// script returns the absolute path of the reference script, or skips the
// test when it is absent.
func script(t testing.TB) string {
	t.Helper()
	abs, err := filepath.Abs(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abs); err != nil {
		t.Skipf("reference script %s not found: skipping the comparison with it", abs)
	}
	return abs
}

// runPython runs python3 with args, feeding it stdin, and returns its
// standard output; it fails the test when python3 fails.
func runPython(t testing.TB, stdin []byte, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(python(t), args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "PYTHONIOENCODING=utf-8", "PYTHONHASHSEED=0")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 %v: %v\n%s", args, err, stderr.Bytes())
	}
	return out
}

// scriptModule is Python code that imports the reference script as module
// sa (it is guarded by if __name__ == "__main__").
func scriptModule(t testing.TB) string {
	return `import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("sa", ` + pyQuote(script(t)) + `)
sa = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sa)
`
}

// pyQuote quotes s as a Python string literal (s must not contain a
// backslash or a quote).
func pyQuote(s string) string { return "'" + s + "'" }
