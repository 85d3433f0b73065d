package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"mentorlms/web"
)

// env is what a command runs with.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	l              *web.Localizer // the language of messages
	clock          func() time.Time
}

// command is one subcommand. Its help texts are the catalog's cli.cmd.<name>.* entries.
type command struct {
	name string
	// sub is the word that must follow the name ("user add"), "" for none.
	sub string
	run func(e *env, args []string) error
}

// commands are listed by help in this order.
var commands []command

func init() {
	commands = []command{
		{"serve", "", cmdServe},
		{"migrate", "", cmdMigrate},
		{"user", "add", cmdUser},
		{"token", "", cmdToken},
		{"demo", "", cmdDemo},
		{"backup", "", cmdBackup},
		{"remind", "", cmdRemind},
		{"import", "people", cmdImport},
		{"help", "", cmdHelp},
	}
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// flags is a command's flag set: each flag's default comes from a MENTORLMS_* variable when it
// is set, and its help text from the catalog.
type flags struct {
	*flag.FlagSet
	e      *env
	cmd    string
	info   []flagInfo // in the order they were defined, which is the order help lists them
	envErr []web.Msg  // environment values that could not be read
	pos    []string   // the positional arguments, wherever they stood
}

// flagInfo is what help says about a flag: its argument's placeholder, its help text and its
// built-in default (a value from the environment is not a default).
type flagInfo struct {
	name, arg, key, def string
}

func newFlags(e *env, cmd string) *flags {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	// Errors and help are printed by the command line in the person's language.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flags{FlagSet: fs, e: e, cmd: cmd}
}

// envName is the environment fallback of a flag: --base-url → MENTORLMS_BASE_URL.
func envName(flagName string) string {
	return "MENTORLMS_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// str is a text flag; arg is the catalog key of its placeholder, key that of its help.
func (f *flags) str(name, def, arg, key string) *string {
	f.info = append(f.info, flagInfo{name, arg, key, def})
	if v, ok := os.LookupEnv(envName(name)); ok {
		def = v
	}
	return f.String(name, def, key)
}

func (f *flags) boolean(name, key string) *bool {
	f.info = append(f.info, flagInfo{name: name, key: key})
	def := false
	if v, ok := os.LookupEnv(envName(name)); ok && v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			// A typo in the environment must not quietly mean "false".
			f.envErr = append(f.envErr, web.M("cli.env.bool", "Name", envName(name), "Value", v))
		}
		def = b
	}
	return f.Bool(name, def, key)
}

// integer is a whole-number flag; a value in the environment that is not one is refused.
func (f *flags) integer(name string, def int, arg, key string) *int {
	f.info = append(f.info, flagInfo{name, arg, key, strconv.Itoa(def)})
	if v, ok := os.LookupEnv(envName(name)); ok && v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			f.envErr = append(f.envErr, web.M("cli.env.int", "Name", envName(name), "Value", v))
		}
		def = n
	}
	return f.Int(name, def, key)
}

// list is a flag that may be repeated or comma-separated; its fallback is a comma list.
func (f *flags) list(name, arg, key string) *multi {
	f.info = append(f.info, flagInfo{name: name, arg: arg, key: key})
	m := &multi{}
	if v, ok := os.LookupEnv(envName(name)); ok {
		_ = m.Set(v)
	}
	f.Var(&fallbackList{m: m, fromEnv: len(*m) > 0}, name, key)
	return m
}

// fallbackList replaces the environment's values the first time the flag is given.
type fallbackList struct {
	m       *multi
	fromEnv bool
}

func (l *fallbackList) String() string {
	if l == nil || l.m == nil {
		return ""
	}
	return l.m.String()
}

func (l *fallbackList) Set(v string) error {
	if l.fromEnv {
		*l.m, l.fromEnv = nil, false
	}
	return l.m.Set(v)
}

func (f *flags) db() *string { return f.str("db", "./mentorlms.db", "cli.arg.file", "cli.flag.db") }

// parse reads args. Flags may stand before, between and after the positional arguments
// (mentorlms backup FILE --db x): Go's flag package stops at the first positional, so parsing
// resumes after each one; "--" ends the flags. -h and --help print the command's help.
func (f *flags) parse(args []string) error {
	for {
		err := f.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			printHelp(f)
			return errHelp
		}
		if err != nil {
			return &usageError{msgs: []web.Msg{flagError(err)}}
		}
		rest := f.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			f.pos = append(f.pos, rest...)
			break
		}
		f.pos, args = append(f.pos, rest[0]), rest[1:]
	}
	// Checked after the flags, so that help shows even when the environment is wrong.
	if len(f.envErr) > 0 {
		return &usageError{msgs: f.envErr}
	}
	return nil
}

// expect checks that exactly n positional arguments were given; missing is the catalog key
// that says what is missing.
func (f *flags) expect(n int, missing string) error {
	switch {
	case len(f.pos) < n:
		return misuse(missing)
	case len(f.pos) > n:
		return misuse("cli.arg.unexpected", "Arg", f.pos[n])
	}
	return nil
}

// sub checks that the command's word ("add" in user add) comes first, and drops it.
func (f *flags) sub(word string) error {
	if len(f.pos) == 0 || f.pos[0] != word {
		got := ""
		if len(f.pos) > 0 {
			got = f.pos[0]
		}
		return misuse("cli.sub.expected", "Command", f.cmd, "Sub", word, "Arg", got)
	}
	f.pos = f.pos[1:]
	return nil
}

// flagErrors are the errors of Go's flag package, whose English text would otherwise reach
// a person who speaks Czech.
var flagErrors = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^flag provided but not defined: -+(.*)$`), "cli.flag.unknown"},
	{regexp.MustCompile(`^flag needs an argument: -+(.*)$`), "cli.flag.needs_value"},
	{regexp.MustCompile(`^invalid boolean value "(.*)" for -+([^:]*):`), "cli.flag.bad_value"},
	{regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]*):`), "cli.flag.bad_value"},
	{regexp.MustCompile(`^invalid boolean flag ([^:]*):`), "cli.flag.bad_bool"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "cli.flag.syntax"},
}

func flagError(err error) web.Msg {
	for _, fe := range flagErrors {
		m := fe.re.FindStringSubmatch(err.Error())
		switch {
		case m == nil:
			continue
		case len(m) == 3:
			return web.M(fe.key, "Value", m[1], "Flag", "--"+m[2])
		case fe.key == "cli.flag.syntax":
			return web.M(fe.key, "Flag", m[1])
		default:
			return web.M(fe.key, "Flag", "--"+m[1])
		}
	}
	return web.M("cli.flag.invalid")
}

// multi collects a flag that may be repeated or comma-separated.
type multi []string

func (m *multi) String() string { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*m = append(*m, s)
		}
	}
	return nil
}

func (e *env) now() time.Time {
	if e.clock != nil {
		return e.clock()
	}
	return time.Now()
}
