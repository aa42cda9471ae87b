package need

import (
	"os"
	"os/exec"
	"testing"
)

// Tool requires the program name on PATH.
func Tool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed (CI=true forbids skipping; make test installs it)", name)
	}
	t.Skipf("%s is not installed: apt-get install %s, or run make test", name, name)
}
