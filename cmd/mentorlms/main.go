// Command mentorlms serves the mentor training application and administers its database.
//
// Every flag has an environment fallback named MENTORLMS_<FLAG> (MENTORLMS_DB, MENTORLMS_ADDR,
// MENTORLMS_BASE_URL, MENTORLMS_DEMO); run "mentorlms help" for the list.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(cli(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// cli runs one command and returns the process exit code: 0 success, 1 failure, 2 misuse.
func cli(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	name := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "mentorlms: unknown command %q\n\n", name)
		usage(stderr)
		return 2
	}
	env := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if err := cmd.run(env, args); err != nil {
		if err == errUsage {
			return 2
		}
		fmt.Fprintf(stderr, "mentorlms %s: %s\n", name, env.describe(err))
		return 1
	}
	return 0
}
