# sotay — see README.md. `make run` and `make test` install what they need.
GO      ?= go
BIN     := bin/sotay
PKGS    := ./...

.PHONY: run test bench lint build deps clean

# Debian packages the tests and `make run` need; installed when missing and root:
# PostgreSQL; espeak-ng (the Vietnamese voice) and lame (the MP3 encoder) for
# audio; mpg123, a second decoder the tests check the audio with.
deps:
	@missing=""; \
	command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	for p in espeak-ng lame mpg123; do command -v $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "missing Debian packages:$$missing (run as root or install them)"; exit 1; \
		fi; \
	fi
	@$(GO) mod download

build: deps
	$(GO) build -o $(BIN) ./cmd/sotay

# The demo's logins are public: listen on this machine only unless SOTAY_ADDR says otherwise.
run: build
	SOTAY_LOG_FORMAT="$${SOTAY_LOG_FORMAT:-text}" ./$(BIN) serve --addr "$${SOTAY_ADDR:-127.0.0.1:8080}"

test: deps lint
	$(GO) test -count=1 -timeout 30m $(PKGS)

bench: deps
	$(GO) test -run '^$$' -bench . -timeout 60m $(PKGS)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

clean:
	rm -rf bin
