package main

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mentorlms/db"
	"mentorlms/reminders"
	"mentorlms/reminders/mailtest"
	"mentorlms/web"
)

// TestServeSendsMail starts the server on the demo with a real SMTP server in the test's
// process: the demo's fresh messages (a seat from the waitlist) arrive by e-mail, each once, in
// Czech with its diacritics; the older ones (certificates issued two days and more before)
// stay in the inbox only.
func TestServeSendsMail(t *testing.T) {
	ms := mailtest.Start(t)
	host, port, _ := net.SplitHostPort(ms.Addr)
	s, err := reminders.ParseSMTP("smtp://"+net.JoinHostPort(host, port)+"?tls=off", "mentorlms <noreply@mentorlms.example>")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "mail.db")
	startServer(t, config{DB: path, Demo: true, SMTP: &s, mailEvery: 50 * time.Millisecond})
	d, err := db.OpenExisting(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })

	// The demo's messages and the reminders the server's jobs enqueue at start are sent within
	// a few passes; wait until nothing is left to send and what arrived matches what is settled.
	var sent int
	deadline := time.Now().Add(20 * time.Second)
	for {
		var open int
		if err := d.R.Get(&open, `SELECT COUNT(*) FROM notifications WHERE email_status IN ('pending', 'sending')`); err != nil {
			t.Fatal(err)
		}
		if err := d.R.Get(&sent, `SELECT COUNT(*) FROM notifications WHERE email_status = 'sent'`); err != nil {
			t.Fatal(err)
		}
		if open == 0 && sent > 0 && len(ms.Messages()) == sent || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	got := ms.Messages()
	if sent == 0 || len(got) != sent {
		t.Fatalf("%d e-mails arrived for %d messages marked sent", len(got), sent)
	}
	seen := map[string]bool{}
	found := false
	for _, m := range got {
		p := mailtest.Parse(t, m.Data)
		key := m.To[0] + " " + p.Subject + " " + p.Plain
		if seen[key] {
			t.Errorf("sent twice: %s", key)
		}
		seen[key] = true
		if m.To[0] == "stefan.horvath@mentorlms.example" && p.Subject == "Uvolnilo se pro vás místo" {
			found = strings.Contains(p.Plain, "Dobrý den, Štefan Horváth,") &&
				strings.Contains(p.Plain, "„Řešení finanční situace zadlužených osob") && strings.Contains(p.HTML, "/runs/")
		}
	}
	if !found {
		t.Error("Štefan Horváth's seat from the waitlist did not arrive as written")
	}
	var stale int
	if err := d.R.Get(&stale, `SELECT COUNT(*) FROM notifications WHERE email_status = 'skipped'`); err != nil || stale == 0 {
		t.Errorf("no older message stayed in the inbox only (%v)", err)
	}
}

// TestUnsubscribeLinks: the link of an optional e-mail turns its kind off without signing in,
// by one POST (RFC 8058) or through the page that asks; a forged link names nothing; the
// account page turns kinds on and off.
func TestUnsubscribeLinks(t *testing.T) {
	h := newHarness(t)
	marie := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	key, err := h.d.Secret(context.Background(), "unsubscribe")
	if err != nil {
		t.Fatal(err)
	}
	off := func() []string {
		var kinds []string
		if err := h.d.R.Select(&kinds, `SELECT kind FROM email_off WHERE person_id = ? ORDER BY kind`, marie.ID); err != nil {
			t.Fatal(err)
		}
		return kinds
	}
	token := reminders.UnsubscribeToken(key, marie.ID, "session_tomorrow")
	expectStatus(t, h.visitor().json("POST", "/api/v1/unsubscribe/"+token, ""), http.StatusNoContent)
	if got := off(); !slices.Equal(got, []string{"session_tomorrow"}) {
		t.Errorf("after one click: %v", got)
	}
	expectStatus(t, h.visitor().json("POST", "/api/v1/unsubscribe/"+token[:len(token)-2]+"xx", ""), http.StatusNotFound)
	if r := reminders.UnsubscribeToken(key, marie.ID, "certificate_issued"); h.visitor().json("POST", "/api/v1/unsubscribe/"+r, "").StatusCode != http.StatusNotFound {
		t.Error("a required kind was turned off")
	}

	page := "/unsubscribe/" + reminders.UnsubscribeToken(key, marie.ID, "supervision_due")
	v := h.visitor()
	expectPage(t, v.get(page), http.StatusOK, []string{"Přestat posílat e-mailem zprávy „Blíží se supervize“?"})
	expectPage(t, v.form("POST", page, nil), http.StatusOK, []string{"už e-mailem nepošleme"})
	if got := off(); !slices.Equal(got, []string{"session_tomorrow", "supervision_due"}) {
		t.Errorf("after the page: %v", got)
	}

	b := h.browser("marie@test.cz")
	expectPage(t, b.get("/account/email"), http.StatusOK, []string{"Zítra máte lekci", "chodí e-mailem vždy"})
	expectStatus(t, b.form("POST", "/account/email", url.Values{"on_session_tomorrow": {"1"}, "on_supervision_due": {"1"}}), http.StatusSeeOther)
	if got := off(); slices.Contains(got, "session_tomorrow") || !slices.Contains(got, "record_stale") {
		t.Errorf("after the account page: %v", got)
	}
}
