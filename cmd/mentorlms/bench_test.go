package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"mentorlms/people"
	"mentorlms/web"
)

// BenchmarkPeopleListPage renders one page (50 people) of the admin's people list out of 500,
// with a search that matches most of them, through the whole middleware stack.
func BenchmarkPeopleListPage(b *testing.B) {
	h := newHarness(b)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	for i := range 500 {
		in := people.Input{Email: fmt.Sprintf("ucastnik%d@test.cz", i), Name: fmt.Sprintf("Účastník Číslo %d", i),
			Region: "ULK", BirthDate: "1990-05-17", Roles: []string{"trainee"}}
		if _, err := h.svc.Create(context.Background(), nil, in, h.clock()); err != nil {
			b.Fatal(err)
		}
	}
	admin := h.browser("admin@test.cz")
	b.ResetTimer()
	for b.Loop() {
		resp := admin.get("/people?q=" + url.QueryEscape("cislo"))
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatal(resp.StatusCode)
		}
	}
}

// BenchmarkSignIn measures a whole sign-in through the form; argon2id dominates it by design.
func BenchmarkSignIn(b *testing.B) {
	h := newHarness(b)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	for b.Loop() {
		h.browser("admin@test.cz")
	}
}
