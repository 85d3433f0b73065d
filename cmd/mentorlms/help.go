package main

import (
	"fmt"
	"io"
	"strings"

	"mentorlms/web"
)

// usage lists the commands: what mentorlms help prints.
func usage(w io.Writer, l *web.Localizer) {
	fmt.Fprintf(w, "%s\n\n%s\n\n%s\n", l.T("cli.help.title"), l.T("cli.help.usage"), l.T("cli.help.commands"))
	for _, c := range commands {
		fmt.Fprintf(w, "  %s\n      %s\n", l.T("cli.cmd."+c.name+".synopsis"), l.T("cli.cmd."+c.name+".summary"))
	}
	fmt.Fprintf(w, "\n%s\n\n%s\n", l.T("cli.help.more"), wrap(l.T("cli.help.env"), "", 100))
}

// printHelp describes a command: what it does, its flags with their defaults and environment
// fallbacks, and an example. It is what mentorlms COMMAND --help prints.
func printHelp(f *flags) {
	l, w, cmd := f.e.l, f.e.stdout, "cli.cmd."+f.cmd
	title := strings.TrimSpace("mentorlms " + f.cmd + " " + sub(f.cmd))
	fmt.Fprintf(w, "%s: %s\n\n%s\n  mentorlms %s\n\n%s\n", title, l.T(cmd+".summary"), l.T("cli.help.usage_label"),
		l.T(cmd+".synopsis"), wrap(l.T(cmd+".about"), "", 100))
	fmt.Fprintf(w, "\n%s\n", l.T("cli.help.flags"))
	for _, fi := range f.info {
		name := "--" + fi.name
		if fi.arg != "" {
			name += " " + l.T(fi.arg)
		}
		notes := l.T("cli.help.env_var", "Name", envName(fi.name))
		if fi.def != "" {
			notes = l.T("cli.help.default", "Value", fi.def) + "; " + notes
		}
		fmt.Fprintf(w, "  %s\n%s\n      [%s]\n", name, wrap(l.T(fi.key), "      ", 100), notes)
	}
	fmt.Fprintf(w, "  -h, --help\n      %s\n", l.T("cli.help.help_flag"))
	fmt.Fprintf(w, "\n%s\n", l.T("cli.help.example"))
	for _, line := range strings.Split(l.T(cmd+".example"), "\n") {
		fmt.Fprintf(w, "  %s\n", line)
	}
}

// sub is the word that follows the command's name, "" for none.
func sub(name string) string {
	c, _ := lookup(name)
	return c.sub
}

// wrap breaks text into lines of at most width characters, each starting with indent; the
// catalog's own line breaks stay.
func wrap(text, indent string, width int) string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := indent
		for _, word := range strings.Fields(para) {
			if line != indent && len([]rune(line))+1+len([]rune(word)) > width {
				out = append(out, line)
				line = indent
			}
			if line != indent {
				line += " "
			}
			line += word
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// cmdHelp lists the commands, or describes one: mentorlms help backup.
func cmdHelp(e *env, args []string) error {
	f := newFlags(e, "help")
	if err := f.parse(args); err != nil {
		return err
	}
	if len(f.pos) == 0 {
		usage(e.stdout, e.l)
		return nil
	}
	c, ok := lookup(f.pos[0])
	if !ok {
		return misuse("cli.command.unknown", "Name", f.pos[0])
	}
	return c.run(e, []string{"--help"})
}
