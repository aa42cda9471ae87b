package vi

import (
	"os"
	"strings"
	"testing"
)

func TestZZProbe(t *testing.T) {
	n := New(Options{})
	for _, l := range strings.Split(os.Getenv("PROBE"), "|") {
		t.Logf("%-35q → %q", l, n.Text(l))
	}
}
