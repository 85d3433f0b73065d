package main

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mentorlms/db"
	"mentorlms/reminders"
	"mentorlms/reminders/mailtest"
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

	var want int
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if err := d.R.Get(&want, `SELECT COUNT(*) FROM notifications WHERE email_status = 'pending'`); err != nil {
			t.Fatal(err)
		}
		if want == 0 && len(ms.Messages()) > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	var sent int
	if err := d.R.Get(&sent, `SELECT COUNT(*) FROM notifications WHERE email_status = 'sent'`); err != nil {
		t.Fatal(err)
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
