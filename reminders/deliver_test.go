package reminders_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/reminders"
	"mentorlms/reminders/mailtest"
	"mentorlms/static"
	"mentorlms/web"
)

// mailWorld is a database with two people, one who reads Czech and one who chose English.
type mailWorld struct {
	d          *db.DB
	ctx        context.Context
	marie, ann int64
	dl         *reminders.Delivery
	ms         *mailtest.Server
}

func newMailWorld(t *testing.T) *mailWorld {
	t.Helper()
	w := &mailWorld{d: dbtest.Open(t), ctx: context.Background(), ms: mailtest.Start(t)}
	add := func(email, name, lang string) int64 {
		res, err := w.d.W.Exec(`INSERT INTO persons (email, name, lang, created_at, updated_at) VALUES (?, ?, ?, '', '')`, email, name, lang)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		return id
	}
	w.marie, w.ann = add("marie@test.cz", "Marie Giňová", ""), add("ann@test.cz", "Ann Smith", "en")
	catalog, err := web.LoadCatalog(static.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(w.ms.Addr)
	s, err := reminders.ParseSMTP("smtp://"+net.JoinHostPort(host, port)+"?tls=off", "mentorlms <noreply@test.cz>")
	if err != nil {
		t.Fatal(err)
	}
	w.dl = reminders.NewDelivery(w.d, s, catalog, "https://mentor.example.cz")
	return w
}

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func (w *mailWorld) enqueue(t *testing.T, key string, person int64, at time.Time) {
	t.Helper()
	if _, err := reminders.Enqueue(w.ctx, w.d.W, at, reminders.Message{Key: key, PersonID: person, Kind: "application_enrolled",
		Args: map[string]any{"Course": "Řešení finanční situace zadlužených osob", "Date": "2026-04-14"}, Link: "/runs/7"}); err != nil {
		t.Fatal(err)
	}
}

func (w *mailWorld) pass(t *testing.T, at time.Time) reminders.Result {
	t.Helper()
	r, err := w.dl.Pass(w.ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDeliverySendsOnceInTheReadersLanguage(t *testing.T) {
	w := newMailWorld(t)
	w.enqueue(t, "a:1", w.marie, t0)
	w.enqueue(t, "a:2", w.ann, t0)
	if r := w.pass(t, t0.Add(time.Second)); r.Sent != 2 {
		t.Fatalf("first pass %+v", r)
	}
	got := w.ms.Messages()
	if len(got) != 2 {
		t.Fatalf("%d messages arrived", len(got))
	}
	cs, en := mailtest.Parse(t, got[0].Data), mailtest.Parse(t, got[1].Data)
	if got[0].To[0] != "marie@test.cz" || cs.Subject != "Jste přijati do kurzu" {
		t.Errorf("Czech message to %v: %q", got[0].To, cs.Subject)
	}
	for _, want := range []string{"Dobrý den, Marie Giňová,", "„Řešení finanční situace zadlužených osob“", "14. 4. 2026",
		"https://mentor.example.cz/runs/7"} {
		if !strings.Contains(cs.Plain, want) || !strings.Contains(cs.HTML, strings.ReplaceAll(want, "„", "„")) {
			t.Errorf("the Czech message lacks %q:\n%s\n%s", want, cs.Plain, cs.HTML)
		}
	}
	if !strings.Contains(en.Plain, "Hello Ann Smith,") || strings.Contains(en.Subject, "Jste") {
		t.Errorf("English message: %q %q", en.Subject, en.Plain)
	}
	if from := cs.Header.Get("From"); !strings.Contains(from, "noreply@test.cz") {
		t.Errorf("From: %s", from)
	}
	// The same pass again sends nothing new.
	if r := w.pass(t, t0.Add(time.Minute)); r != (reminders.Result{}) {
		t.Errorf("second pass %+v", r)
	}
	if n := len(w.ms.Messages()); n != 2 {
		t.Errorf("%d messages after the second pass", n)
	}
}

func TestDeliveryAfterACrash(t *testing.T) {
	w := newMailWorld(t)
	w.enqueue(t, "a:1", w.marie, t0)
	// A pass claimed the message and the process died before sending: at the next start the
	// message is sent, once.
	if _, err := w.d.W.Exec(`UPDATE notifications SET email_status = 'sending', attempts = 1`); err != nil {
		t.Fatal(err)
	}
	if r := w.pass(t, t0.Add(time.Minute)); r.Sent != 0 {
		t.Fatalf("a claimed message was sent before recovery: %+v", r)
	}
	if n, err := w.dl.Recover(w.ctx); err != nil || n != 1 {
		t.Fatalf("recovered %d, %v", n, err)
	}
	if r := w.pass(t, t0.Add(2*time.Minute)); r.Sent != 1 {
		t.Fatalf("after recovery %+v", r)
	}
	w.pass(t, t0.Add(3*time.Minute))
	if n := len(w.ms.Messages()); n != 1 {
		t.Errorf("%d messages arrived", n)
	}
}

func TestDeliveryRetriesThenFails(t *testing.T) {
	w := newMailWorld(t)
	w.ms.Refuse("marie@test.cz")
	w.enqueue(t, "a:1", w.marie, t0)
	w.enqueue(t, "a:2", w.ann, t0)
	at := t0
	if r := w.pass(t, at); r.Sent != 1 || r.Retrying != 1 {
		t.Fatalf("first pass %+v", r)
	}
	// Not before the back-off.
	if r := w.pass(t, at.Add(30*time.Second)); r != (reminders.Result{}) {
		t.Errorf("retried too soon: %+v", r)
	}
	failed := 0
	for i := 0; i < 10 && failed == 0; i++ {
		at = at.Add(3 * time.Hour)
		failed = w.pass(t, at).Failed
	}
	var status, failure string
	var attempts int
	if err := w.d.R.QueryRow(`SELECT email_status, email_error, attempts FROM notifications WHERE key = 'a:1'`).Scan(&status, &failure, &attempts); err != nil {
		t.Fatal(err)
	}
	if status != "failed" || attempts != 5 || !strings.Contains(failure, "no such mailbox") {
		t.Errorf("after the last attempt: %s %d %q", status, attempts, failure)
	}
	list, total, err := reminders.FailedMail(w.ctx, w.d, 5)
	if err != nil || total != 1 || len(list) != 1 || list[0].Email != "marie@test.cz" || !strings.Contains(list[0].Error, "no such mailbox") {
		t.Errorf("failed list %+v %d %v", list, total, err)
	}
	if n := len(w.ms.Messages()); n != 1 {
		t.Errorf("%d messages arrived", n)
	}
}

func TestDeliveryLeavesStaleMessagesInTheInbox(t *testing.T) {
	w := newMailWorld(t)
	w.enqueue(t, "old", w.marie, t0.Add(-72*time.Hour))
	w.enqueue(t, "new", w.marie, t0)
	if r := w.pass(t, t0); r.Sent != 1 || r.Skipped != 1 {
		t.Errorf("pass %+v", r)
	}
}

func TestParseSMTP(t *testing.T) {
	for _, tt := range []struct {
		url, tls string
		port     int
		user     string
	}{
		{"smtp://ja:tajne@mail.example.cz:587", "starttls", 587, "ja"},
		{"smtp://mail.example.cz", "starttls", 587, ""},
		{"smtps://mail.example.cz", "implicit", 465, ""},
		{"smtp://localhost:25?tls=off", "off", 25, ""},
		{"smtp://localhost?tls=off", "off", 25, ""},
	} {
		s, err := reminders.ParseSMTP(tt.url, "noreply@example.cz")
		if err != nil || s.TLS != tt.tls || s.Port != tt.port || s.User != tt.user {
			t.Errorf("%s: %+v %v", tt.url, s, err)
		}
	}
	for _, bad := range [][2]string{{"http://x", "a@b.cz"}, {"smtp://x?tls=maybe", "a@b.cz"}, {"smtp://x:99999", "a@b.cz"},
		{"mail.example.cz", "a@b.cz"}, {"smtp://x", "nikdo"}} {
		if _, err := reminders.ParseSMTP(bad[0], bad[1]); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestDeliveryHonoursTurnedOffKinds(t *testing.T) {
	w := newMailWorld(t)
	w.dl.UnsubscribeKey = []byte("tajny klic")
	remind := func(key string) {
		if _, err := reminders.Enqueue(w.ctx, w.d.W, t0, reminders.Message{Key: key, PersonID: w.marie, Kind: "session_tomorrow",
			Args: map[string]any{"Course": "Dluhy", "Date": "2026-03-03", "Time": "9:00", "Place": "Most"}, Link: "/runs/7"}); err != nil {
			t.Fatal(err)
		}
	}
	remind("s:1")
	w.pass(t, t0)
	got := w.ms.Messages()
	if len(got) != 1 {
		t.Fatalf("%d messages", len(got))
	}
	p := mailtest.Parse(t, got[0].Data)
	header := p.Header.Get("List-Unsubscribe")
	if p.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" || !strings.HasPrefix(header, "<https://mentor.example.cz/api/v1/unsubscribe/") {
		t.Fatalf("headers %q", header)
	}
	token := strings.TrimSuffix(strings.TrimPrefix(header, "<https://mentor.example.cz/api/v1/unsubscribe/"), ">")
	id, kind, ok := reminders.ParseUnsubscribe(w.dl.UnsubscribeKey, token)
	if !ok || id != w.marie || kind != "session_tomorrow" || !strings.Contains(p.Plain, "/unsubscribe/"+token) {
		t.Fatalf("token %q: %d %s %v", token, id, kind, ok)
	}
	if _, _, ok := reminders.ParseUnsubscribe([]byte("jiny klic"), token); ok {
		t.Error("a token checked with another key")
	}
	if err := reminders.TurnOff(w.ctx, w.d, id, kind, t0); err != nil {
		t.Fatal(err)
	}
	remind("s:2")
	w.enqueue(t, "a:1", w.marie, t0) // a decision on an application always goes out
	if r := w.pass(t, t0.Add(time.Minute)); r.Sent != 1 || r.Skipped != 1 {
		t.Errorf("after turning off: %+v", r)
	}
	if n := len(w.ms.Messages()); n != 2 {
		t.Errorf("%d messages", n)
	}
	// Required kinds carry no such link.
	if p := mailtest.Parse(t, w.ms.Messages()[1].Data); p.Header.Get("List-Unsubscribe") != "" {
		t.Error("a required message can be unsubscribed")
	}
}

// TestSecretLinksLeaveWithTheirMail: a message whose link carries a one-time secret (an
// invitation) brings the link by e-mail; the inbox never shows it, and once the e-mail is
// settled the database no longer holds it, nor does one that waited too long to be sent.
func TestSecretLinksLeaveWithTheirMail(t *testing.T) {
	w := newMailWorld(t)
	secret := func(key string, at time.Time) {
		if _, err := reminders.Enqueue(w.ctx, w.d.W, at, reminders.Message{Key: key, PersonID: w.marie, Kind: "invitation",
			Args: map[string]any{"Name": "Marie Giňová", "Hours": 48}, Link: "/password/tajny-klic-" + key, Secret: true}); err != nil {
			t.Fatal(err)
		}
	}
	links := func() map[string]string {
		var rows []struct {
			Key  string `db:"key"`
			Link string `db:"link"`
		}
		if err := w.d.R.Select(&rows, `SELECT key, link FROM notifications`); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, r := range rows {
			out[r.Key] = r.Link
		}
		return out
	}
	secret("a", t0)
	inbox, _, err := reminders.Inbox(w.ctx, w.d, w.marie, 10, 0)
	if err != nil || len(inbox) != 1 || inbox[0].Link != "" {
		t.Fatalf("the inbox shows %+v (%v)", inbox, err)
	}
	if got := links()["a"]; got != "/password/tajny-klic-a" {
		t.Fatalf("before sending the link is %q", got)
	}
	if r := w.pass(t, t0.Add(time.Second)); r.Sent != 1 {
		t.Fatalf("pass %+v", r)
	}
	if m := mailtest.Parse(t, w.ms.Messages()[0].Data); !strings.Contains(m.Plain, "https://mentor.example.cz/password/tajny-klic-a") {
		t.Errorf("the e-mail lacks its link:\n%s", m.Plain)
	}
	if got := links()["a"]; got != "" {
		t.Errorf("after sending the database holds %q", got)
	}
	// One never sent (the server was down past the time messages wait) is erased too.
	secret("b", t0)
	w.pass(t, t0.Add(72*time.Hour))
	if got := links()["b"]; got != "" {
		t.Errorf("a stale invitation kept %q", got)
	}
}
