// Command mentorlms serves the mentor training application and administers its database.
//
// Every flag has an environment fallback named MENTORLMS_<FLAG> (MENTORLMS_DB, MENTORLMS_ADDR,
// MENTORLMS_BASE_URL, MENTORLMS_DEMO); run "mentorlms help" for the list.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mentorlms/cmd/internal/wire"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	wire.LimitMemory()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(cli(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// cli runs one command and returns the process exit code: 0 success (and help), 1 failure,
// 2 misuse.
func cli(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	l, err := messages()
	if err != nil {
		fmt.Fprintln(stderr, "mentorlms: the message catalog is broken:", err)
		return 1
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		usage(stdout, l)
		return 0
	}
	name := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	cmd, ok := lookup(name)
	if !ok {
		fmt.Fprintf(stderr, "mentorlms: %s\n\n", l.T("cli.command.unknown", "Name", name))
		usage(stderr, l)
		return 2
	}
	// Messages name the command as it was typed in full: "mentorlms user add: …".
	title := strings.TrimSpace(name + " " + cmd.sub)
	env := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, l: l}
	err = cmd.run(env, args)
	var uerr *usageError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errReported):
		return 1
	case errors.As(err, &uerr):
		for _, m := range uerr.msgs {
			fmt.Fprintf(stderr, "mentorlms %s: %s\n", title, l.Msg(m))
		}
		fmt.Fprintf(stderr, "%s\n", l.T("cli.help.hint", "Command", title))
		return 2
	}
	fmt.Fprintf(stderr, "mentorlms %s: %s\n", title, describe(l, err))
	return 1
}
