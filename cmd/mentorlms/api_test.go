package main

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"go.yaml.in/yaml/v3"

	"mentorlms/people"
	"mentorlms/web"
)

func TestAPIPeople(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	coordULK := h.person("koord@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	h.person("koord.msk@test.cz", "Renata Lakatošová", "MSK", web.RoleCoordinator)
	admin, coord, coordMSK := h.api("admin@test.cz"), h.api("koord@test.cz"), h.api("koord.msk@test.cz")

	t.Run("me", func(t *testing.T) {
		me := decode[struct {
			ID    int64    `json:"id"`
			Email string   `json:"email"`
			Roles []string `json:"roles"`
		}](t, coord.get("/api/v1/me"))
		if me.ID != coordULK.ID || me.Email != "koord@test.cz" || len(me.Roles) != 1 || me.Roles[0] != "coordinator" {
			t.Errorf("me = %+v", me)
		}
	})

	var created people.Person
	t.Run("create", func(t *testing.T) {
		resp := admin.json("POST", "/api/v1/people", `{"name":"Lucie Oláhová","email":"Lucie.Olahova@Test.cz",
			"birth_date":"2000-02-29","region":"ULK","pms_centre":"Děčín","roles":["trainee"]}`)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("status %d: %s", resp.StatusCode, readBody(t, resp))
		}
		if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/api/v1/people/") {
			t.Errorf("Location %q", loc)
		}
		created = decode[people.Person](t, resp)
		if created.Email != "lucie.olahova@test.cz" || created.Name != "Lucie Oláhová" || created.PMSCentre != "Děčín" ||
			created.BirthDate != "2000-02-29" || !created.Active {
			t.Errorf("created %+v", created)
		}
	})

	t.Run("invalid fields are named, in Czech and in English, and nothing is stored", func(t *testing.T) {
		before, _ := h.svc.Store().Count(t.Context())
		body := `{"name":"","email":"lucie.olahova@test.cz","birth_date":"2030-01-01","region":"XXX","roles":["boss"]}`
		e := decode[apiError](t, admin.json("POST", "/api/v1/people", body))
		want := map[string]string{
			"name": "Vyplňte jméno a příjmení.", "email": "Tento e-mail už má jiná osoba.",
			"birth_date": "Datum narození nemůže být v budoucnosti.",
			"region":     "Neznámý kraj „XXX“. Platné kódy krajů: HKK, JHC, JHM, KVK, LBK, MSK, OLK, PAK, PHA, PLK, STC, ULK, VYS, ZLK.",
			"roles":      "Neznámá role „boss“.",
		}
		if e.Error.Code != "invalid" || len(e.Error.Fields) != len(want) {
			t.Fatalf("error %+v", e)
		}
		for f, m := range want {
			if e.Error.Fields[f] != m {
				t.Errorf("field %s: %q, want %q", f, e.Error.Fields[f], m)
			}
		}
		req := admin
		r := jsonReq("POST", "/api/v1/people", body)
		r.Header.Set("Accept-Language", "en-GB,en;q=0.9")
		en := decode[apiError](t, req.do(r))
		if en.Error.Fields["email"] != "Another person already has this e-mail address." {
			t.Errorf("English: %+v", en)
		}
		if after, _ := h.svc.Store().Count(t.Context()); after != before {
			t.Errorf("persons %d → %d", before, after)
		}
	})

	t.Run("malformed bodies are 400 with the error body", func(t *testing.T) {
		for name, body := range map[string]string{
			"syntax":        `{"name":`,
			"unknown field": `{"name":"A","nickname":"B"}`,
			"wrong type":    `{"name":5}`,
			"trailing":      `{"name":"A"} {}`,
			"empty":         ``,
		} {
			resp := admin.json("POST", "/api/v1/people", body)
			e := decode[apiError](t, resp)
			if resp.StatusCode != http.StatusBadRequest || e.Error.Code != "bad_request" || e.Error.Message == "" {
				t.Errorf("%s: %d %+v", name, resp.StatusCode, e)
			}
			if name == "unknown field" && !strings.Contains(e.Error.Message, "nickname") {
				t.Errorf("message %q does not name the field", e.Error.Message)
			}
		}
	})

	t.Run("coordinator sees own region only", func(t *testing.T) {
		if resp := coord.get("/api/v1/people/" + itoa(created.ID)); resp.StatusCode != http.StatusOK {
			t.Errorf("own region: %d", resp.StatusCode)
		}
		resp := coordMSK.get("/api/v1/people/" + itoa(created.ID))
		if e := decode[apiError](t, resp); resp.StatusCode != http.StatusForbidden || e.Error.Code != "forbidden" {
			t.Errorf("other region: %d %+v", resp.StatusCode, e)
		}
		list := decode[web.List[people.Person]](t, coordMSK.get("/api/v1/people?region=ULK"))
		for _, p := range list.Items {
			if p.Region != "MSK" {
				t.Errorf("MSK coordinator listed %s of %s", p.Email, p.Region)
			}
		}
	})

	t.Run("coordinator creates trainees of own region only", func(t *testing.T) {
		resp := coord.json("POST", "/api/v1/people", `{"name":"Jan Bandy","email":"jan.bandy@test.cz","birth_date":"1988-07-25","roles":["trainee"]}`)
		if p := decode[people.Person](t, resp); resp.StatusCode != http.StatusCreated || p.Region != "ULK" {
			t.Errorf("%d %+v", resp.StatusCode, p)
		}
		for _, body := range []string{
			`{"name":"A B","email":"ab@test.cz","birth_date":"1990-01-01","region":"MSK","roles":["trainee"]}`,
			`{"name":"A B","email":"ab@test.cz","region":"ULK","roles":["admin"]}`,
		} {
			if resp := coord.json("POST", "/api/v1/people", body); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s: %d", body, resp.StatusCode)
			}
		}
	})

	t.Run("deactivation stops the person's token", func(t *testing.T) {
		trainee := h.api("lucie.olahova@test.cz")
		if resp := trainee.get("/api/v1/me"); resp.StatusCode != http.StatusOK {
			t.Fatalf("before: %d", resp.StatusCode)
		}
		if resp := admin.json("POST", "/api/v1/people/"+itoa(created.ID)+"/deactivate", ""); resp.StatusCode != http.StatusOK {
			t.Fatalf("deactivate: %d", resp.StatusCode)
		}
		if resp := trainee.get("/api/v1/me"); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("after: %d", resp.StatusCode)
		}
	})

	t.Run("tokens", func(t *testing.T) {
		for name, header := range map[string]string{
			"unknown": "Bearer mlms_nonsense", "empty": "Bearer ", "basic": "Basic YTpi",
		} {
			r := jsonReq("GET", "/api/v1/me", "")
			r.Header.Set("Authorization", header)
			resp := h.visitor().do(r)
			if e := decode[apiError](t, resp); resp.StatusCode != http.StatusUnauthorized || e.Error.Code != "unauthorized" {
				t.Errorf("%s: %d %+v", name, resp.StatusCode, e)
			}
		}
	})

	t.Run("openapi is valid YAML and lists every API route and method", func(t *testing.T) {
		doc := readBody(t, h.visitor().get("/api/v1/openapi"))
		var spec struct {
			Paths map[string]map[string]any `yaml:"paths"`
		}
		if err := yaml.Unmarshal([]byte(doc), &spec); err != nil {
			t.Fatalf("docs/openapi.yaml: %v", err)
		}
		for _, r := range h.app.GetRoutes(true) {
			if !strings.HasPrefix(r.Path, "/api/") && r.Path != "/healthz" || r.Method == fiber.MethodHead {
				continue
			}
			p := regexp.MustCompile(`:(\w+)`).ReplaceAllString(r.Path, "{$1}")
			if _, ok := spec.Paths[p][strings.ToLower(r.Method)]; !ok {
				t.Errorf("%s %s is not in docs/openapi.yaml", r.Method, p)
			}
		}
	})
}
