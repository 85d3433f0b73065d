package main

import (
	"strings"
	"testing"
)

// TestCLICommandHelp: every command describes itself on --help, -h and help COMMAND, in both
// languages, with every flag, its default and its environment variable, and an example.
func TestCLICommandHelp(t *testing.T) {
	issuer := []string{"--issuer-name", "--issuer-address", "--issuer-ico", "--issuer-place", "--issuer-signatory",
		"--certificate-number"}
	tests := []struct {
		command []string
		flags   []string
		more    map[string][]string // further text by language
	}{
		{[]string{"serve"}, append([]string{"--addr", "--db", "--base-url", "--demo", "--trusted-proxies", "--record-max-age", "--recheck-months", "--education-hours", "--smtp-url", "--mail-from"}, issuer...),
			map[string][]string{"cs": {"výchozí :8080", "výchozí 90", "MENTORLMS_RECORD_MAX_AGE", "výchozí {series}/{year}/{seq:4}"},
				"en": {"default :8080", "default 90", "MENTORLMS_TRUSTED_PROXIES"}}},
		{[]string{"migrate"}, []string{"--db"}, nil},
		{[]string{"user", "add"}, []string{"--db", "--email", "--name", "--role", "--region", "--birth-date", "--birth-place",
			"--pms-centre", "--password-stdin"},
			map[string][]string{"cs": {"--birth-date RRRR-MM-DD", "MENTORLMS_BIRTH_DATE", "ULK"}, "en": {"--birth-date YYYY-MM-DD"}}},
		{[]string{"token"}, []string{"--db", "--email", "--name", "--expires"},
			map[string][]string{"cs": {"token list", "token revoke ČÍSLO", "MENTORLMS_EXPIRES"}, "en": {"token revoke NUMBER"}}},
		{[]string{"demo"}, append([]string{"--db", "--base-url"}, issuer...),
			map[string][]string{"en": {"default http://localhost:8080"}}},
		{[]string{"backup"}, []string{"--db"}, map[string][]string{"cs": {"mentorlms backup SOUBOR"}, "en": {"mentorlms backup FILE"}}},
		{[]string{"import", "people"}, []string{"--db", "--dry-run"},
			map[string][]string{"cs": {"datum narození", "středisko", "1. 3. 1990", "MENTORLMS_DRY_RUN"},
				"en": {"birth_date", "pms_centre", "1. 3. 1990"}}},
		{[]string{"help"}, nil, nil},
	}
	words := map[string]struct{ locale, flags, example, def, env string }{
		"cs": {"cs_CZ.UTF-8", "Přepínače:", "Příklad:", "výchozí ./mentorlms.db", "proměnná MENTORLMS_DB"},
		"en": {"en_GB.UTF-8", "Flags:", "Example:", "default ./mentorlms.db", "variable MENTORLMS_DB"},
	}
	for lang, w := range words {
		for _, tt := range tests {
			name := tt.command[0]
			ways := [][]string{{name, "--help"}, {name, "-h"}, {"help", name}}
			if len(tt.command) > 1 {
				ways = append(ways, append(append([]string{}, tt.command...), "--help"))
			}
			for _, args := range ways {
				t.Run(lang+"/"+strings.Join(args, " "), func(t *testing.T) {
					speak(t, w.locale)
					// A wrong environment does not keep the help from showing.
					t.Setenv("MENTORLMS_DEMO", "banana")
					code, out, errOut := runCLI(t, "", args...)
					if code != 0 || errOut != "" {
						t.Fatalf("exit %d, stderr %q", code, errOut)
					}
					want := append([]string{"mentorlms " + strings.Join(tt.command, " ") + ":", w.flags, w.example, "--help"},
						tt.more[lang]...)
					for _, f := range tt.flags {
						want = append(want, "  "+f, envName(strings.TrimPrefix(f, "--")))
					}
					if len(tt.flags) > 0 && tt.flags[0] == "--db" || len(tt.flags) > 1 && tt.flags[1] == "--db" {
						want = append(want, w.def, w.env)
					}
					for _, s := range want {
						if !strings.Contains(out, s) {
							t.Errorf("help lacks %q:\n%s", s, out)
						}
					}
				})
			}
		}
	}
}

func TestCLIHelpListsCommands(t *testing.T) {
	for _, lang := range []string{"cs_CZ.UTF-8", "C"} {
		t.Run(lang, func(t *testing.T) {
			speak(t, lang)
			for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
				code, out, _ := runCLI(t, "", args...)
				if code != 0 {
					t.Errorf("%v: exit %d", args, code)
				}
				for _, s := range []string{"serve", "migrate", "user add", "token", "demo", "backup", "import people",
					"help", "MENTORLMS_DB", "--help"} {
					if !strings.Contains(out, s) {
						t.Errorf("%v lacks %q:\n%s", args, s, out)
					}
				}
			}
		})
	}
	speak(t, "C")
	if code, _, errOut := runCLI(t, "", "help", "frobnicate"); code != 2 || !strings.Contains(errOut, `Unknown command "frobnicate".`) {
		t.Errorf("help of an unknown command: %d %s", code, errOut)
	}
}
