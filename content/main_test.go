package content_test

import (
	"testing"

	"sotay/db/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }
