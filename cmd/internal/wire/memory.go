package wire

import (
	"os"
	"runtime/debug"
)

// MemoryLimit is the soft limit of the Go heap that a server runs with unless GOMEMLIMIT says
// otherwise. The product is made for a small machine: under a burst of requests the collector
// works harder instead of letting the heap grow to twice what is live. The limit is soft: a
// heap that needs more gets it. It covers what Go manages, not SQLite's own memory (its page
// cache and statements), which is counted in the process's resident size besides.
const MemoryLimit = 96 << 20

// LimitMemory applies MemoryLimit unless the environment sets GOMEMLIMIT (which the runtime
// has applied already).
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
}
