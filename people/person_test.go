package people_test

import (
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"mentorlms/people"
	"mentorlms/web"
)

// today is the Prague instant Validate is given in these tests.
var today = time.Date(2026, 3, 29, 9, 0, 0, 0, web.Prague)

func validInput() people.Input {
	return people.Input{Name: "Marie Giňová", Email: "marie.ginova@example.cz", BirthDate: "1992-03-14",
		Region: "ULK", Roles: []string{"trainee"}}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *people.Input)
		want   map[string]string // field → message key; empty when valid
	}{
		{"valid", func(in *people.Input) {}, nil},
		{"name required", func(in *people.Input) { in.Name = "" }, map[string]string{"name": "person.name.required"}},
		// ř takes two bytes: 200 of them are 400 bytes but 200 characters.
		{"name 200 characters", func(in *people.Input) { in.Name = strings.Repeat("ř", 200) }, nil},
		{"name 201 characters", func(in *people.Input) { in.Name = strings.Repeat("ř", 201) },
			map[string]string{"name": "person.name.too_long"}},
		{"email required", func(in *people.Input) { in.Email = "" }, map[string]string{"email": "person.email.required"}},
		{"email a@b without dot", func(in *people.Input) { in.Email = "a@b" }, map[string]string{"email": "person.email.invalid"}},
		{"email with display name", func(in *people.Input) { in.Email = "Jan <jan@x.cz>" },
			map[string]string{"email": "person.email.invalid"}},
		{"email in angle brackets", func(in *people.Input) { in.Email = "<jan@x.cz>" },
			map[string]string{"email": "person.email.invalid"}},
		{"email without @", func(in *people.Input) { in.Email = "jan.x.cz" }, map[string]string{"email": "person.email.invalid"}},
		{"email without local part", func(in *people.Input) { in.Email = "@x.cz" }, map[string]string{"email": "person.email.invalid"}},
		{"email with space", func(in *people.Input) { in.Email = "jan novak@x.cz" },
			map[string]string{"email": "person.email.invalid"}},
		{"email with two @", func(in *people.Input) { in.Email = "jan@@x.cz" }, map[string]string{"email": "person.email.invalid"}},
		{"email two addresses", func(in *people.Input) { in.Email = "jan@x.cz, eva@x.cz" },
			map[string]string{"email": "person.email.invalid"}},
		{"email short valid", func(in *people.Input) { in.Email = "a@b.cz" }, nil},
		{"titles 50 characters", func(in *people.Input) { in.TitlesBefore = strings.Repeat("č", 50) }, nil},
		{"titles before 51", func(in *people.Input) { in.TitlesBefore = strings.Repeat("č", 51) },
			map[string]string{"titles_before": "person.titles.too_long"}},
		{"titles after 51", func(in *people.Input) { in.TitlesAfter = strings.Repeat("č", 51) },
			map[string]string{"titles_after": "person.titles.too_long"}},
		{"birth date required of a trainee", func(in *people.Input) { in.BirthDate = "" }, map[string]string{"birth_date": "person.birth_date.required"}},
		{"place of birth too long", func(in *people.Input) { in.BirthPlace = strings.Repeat("Ústí ", 21) }, map[string]string{"birth_place": "person.birth_place.invalid"}},
		{"place of birth with a control character", func(in *people.Input) { in.BirthPlace = "Most\x07" }, map[string]string{"birth_place": "person.birth_place.invalid"}},
		{"birth date optional for staff", func(in *people.Input) { in.BirthDate = ""; in.Roles = []string{"lecturer"} }, nil},
		{"birth date today", func(in *people.Input) { in.BirthDate = "2026-03-29" }, nil},
		{"birth date tomorrow", func(in *people.Input) { in.BirthDate = "2026-03-30" },
			map[string]string{"birth_date": "person.birth_date.future"}},
		{"birth date 30 February", func(in *people.Input) { in.BirthDate = "1990-02-30" },
			map[string]string{"birth_date": "person.birth_date.invalid"}},
		{"birth date Czech format", func(in *people.Input) { in.BirthDate = "14.3.1992" },
			map[string]string{"birth_date": "person.birth_date.invalid"}},
		{"birth date 1899-12-31", func(in *people.Input) { in.BirthDate = "1899-12-31" },
			map[string]string{"birth_date": "error.date.range"}},
		{"birth date 1900-01-01", func(in *people.Input) { in.BirthDate = "1900-01-01" }, nil},
		{"birth date 29 February of a leap year", func(in *people.Input) { in.BirthDate = "2000-02-29" }, nil},
		{"roles required", func(in *people.Input) { in.Roles = nil }, map[string]string{"roles": "person.roles.required"}},
		{"role unknown", func(in *people.Input) { in.Roles = []string{"trainee", "boss"} },
			map[string]string{"roles": "person.roles.unknown"}},
		{"coordinator needs region", func(in *people.Input) { in.Roles, in.Region = []string{"coordinator"}, "" },
			map[string]string{"region": "person.region.required"}},
		{"trainee needs region", func(in *people.Input) { in.Region = "" }, map[string]string{"region": "person.region.required"}},
		{"admin without region", func(in *people.Input) { in.Roles, in.Region = []string{"admin"}, "" }, nil},
		{"lecturer without region", func(in *people.Input) { in.Roles, in.Region = []string{"lecturer"}, "" }, nil},
		{"admin and trainee need region", func(in *people.Input) { in.Roles, in.Region = []string{"admin", "trainee"}, "" },
			map[string]string{"region": "person.region.required"}},
		{"password optional", func(in *people.Input) { in.Password = "" }, nil},
		// ž takes two bytes, so these count characters, not bytes.
		{"password 9 characters", func(in *people.Input) { in.Password = strings.Repeat("ž", 9) },
			map[string]string{"password": "person.password.too_short"}},
		{"password 10 characters", func(in *people.Input) { in.Password = strings.Repeat("ž", 10) }, nil},
		{"password 128 characters", func(in *people.Input) { in.Password = strings.Repeat("ž", 128) }, nil},
		{"password 129 characters", func(in *people.Input) { in.Password = strings.Repeat("ž", 129) },
			map[string]string{"password": "person.password.too_long"}},
		{"several problems at once", func(in *people.Input) { *in = people.Input{Email: "a@b", Roles: []string{"trainee"}} },
			map[string]string{"name": "person.name.required", "email": "person.email.invalid",
				"region": "person.region.required", "birth_date": "person.birth_date.required"}},
		{"control characters", func(in *people.Input) { in.Name = "A\x00B"; in.TitlesAfter = "Ph.D.\x1b" },
			map[string]string{"name": "person.text.invalid", "titles_after": "person.text.invalid"}},
		{"invalid UTF-8", func(in *people.Input) { in.Name = "\xff\xfe Jana" },
			map[string]string{"name": "person.text.invalid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInput()
			tt.change(&in)
			f := in.Validate(today)
			got := map[string]string{}
			for k, m := range f {
				got[k] = m.Key
			}
			if len(tt.want) == 0 && len(got) == 0 {
				if err := f.Err(); err != nil {
					t.Errorf("Err() = %v for no fields", err)
				}
				return
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("Validate = %v, want %v", got, tt.want)
			}
			wantCode(t, f.Err(), web.CodeInvalid)
		})
	}
}

func TestValidateMessageArgs(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *people.Input)
		field  string
		args   map[string]any
	}{
		{"unknown role names it", func(in *people.Input) { in.Roles = []string{"boss"} }, "roles", map[string]any{"Role": "boss"}},
		{"short password names the minimum", func(in *people.Input) { in.Password = "krátké" }, "password",
			map[string]any{"Min": people.MinPassword}},
		{"long password names the maximum", func(in *people.Input) { in.Password = strings.Repeat("x", 129) }, "password",
			map[string]any{"Max": people.MaxPassword}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInput()
			tt.change(&in)
			f := in.Validate(today)
			if got := f[tt.field].Args; !reflect.DeepEqual(got, tt.args) {
				t.Errorf("args of %s = %v, want %v", tt.field, got, tt.args)
			}
		})
	}
}

// TestCommonPasswordList: every entry is long enough to pass the length rule (a shorter one is
// refused by length already and only weighs on the list) and written as it is compared.
func TestCommonPasswordList(t *testing.T) {
	b, err := os.ReadFile("common_passwords.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for line := range strings.Lines(string(b)) {
		line = strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(line, "#") {
			continue
		}
		n++
		if utf8.RuneCountInString(line) < people.MinPassword || line != strings.ToLower(strings.TrimSpace(line)) {
			t.Errorf("entry %q", line)
		}
		if !people.Common(line) {
			t.Errorf("%q is not found", line)
		}
	}
	if n < 1000 {
		t.Errorf("%d entries", n)
	}
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		name, pw, want string
	}{
		{"empty", "", "person.password.too_short"},
		{"9 characters", strings.Repeat("ž", 9), "person.password.too_short"},
		{"10 characters", strings.Repeat("ž", 10), ""},
		{"128 characters", strings.Repeat("ž", 128), ""},
		{"129 characters", strings.Repeat("ž", 129), "person.password.too_long"},
		{"a long passphrase in any script", "Řeřicha na okně 🌱 и чай " + strings.Repeat("ř", 60), ""},
		{"common", "1234567890", "person.password.common"},
		{"common in capitals with spaces", " PASSWORD123 ", "person.password.common"},
		{"common Czech", "Heslo12345", "person.password.common"},
		{"uncommon", "hudba-ze-Šluknova-7", ""},
		{"twelve NULs", strings.Repeat("\x00", 12), "person.password.control"},
		{"a tab inside", "hudba-ze\tŠluknova-7", "person.password.control"},
		{"not UTF-8", "hudba-ze-\xffluknova-7", "person.password.control"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := people.CheckPassword(tt.pw)
			if got := f["password"].Key; got != tt.want || len(f) > 1 {
				t.Errorf("CheckPassword = %v, want password=%q", f, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	in := people.Input{
		Name: "  Marie \t Giňová \n", Email: "  Marie.Ginova@Example.CZ ", TitlesBefore: " Mgr. ", TitlesAfter: " Ph.D. ",
		BirthDate: " 1992-03-14 ", Region: " ulk ", PMSCentre: " Děčín ",
		Roles: []string{" Trainee", "trainee", "", "  ", "ADMIN", "admin"}, Password: " keeps spaces ",
	}
	in.Normalize()
	want := people.Input{
		Name: "Marie Giňová", Email: "marie.ginova@example.cz", TitlesBefore: "Mgr.", TitlesAfter: "Ph.D.",
		BirthDate: "1992-03-14", Region: "ULK", PMSCentre: "Děčín", Roles: []string{"trainee", "admin"},
		Password: " keeps spaces ",
	}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("Normalize =\n%+v\nwant\n%+v", in, want)
	}
	t.Run("blank name becomes empty and is required", func(t *testing.T) {
		in := validInput()
		in.Name = " \t "
		in.Normalize()
		if in.Name != "" || in.Validate(today)["name"].Key != "person.name.required" {
			t.Errorf("name %q, fields %v", in.Name, in.Validate(today))
		}
	})
	t.Run("no roles stay nil", func(t *testing.T) {
		in := validInput()
		in.Roles = []string{" ", ""}
		in.Normalize()
		if !slices.Equal(in.Roles, nil) {
			t.Errorf("roles = %q, want none", in.Roles)
		}
	})
}
