package reminders

import (
	"encoding/json"
	"html"
	"strings"

	gomail "github.com/wneessen/go-mail"

	"mentorlms/web"
)

// Text is a message in the reader's language: its title and its body, dates reading as
// 1. 3. 2026. The inbox and the e-mail say the same.
func Text(l *web.Localizer, n Notice) (title, body string) {
	args := n.Args
	if args == nil {
		args = map[string]any{}
		_ = json.Unmarshal([]byte(n.ArgsJSON), &args)
	}
	pairs := []any{}
	for k, v := range args {
		if k == "Date" {
			v = l.Date(v) // dates travel as YYYY-MM-DD and read as 1. 3. 2026
		}
		pairs = append(pairs, k, v)
	}
	return l.T("notice." + n.Kind + ".title"), l.T("notice."+n.Kind+".body", pairs...)
}

// message writes the e-mail of a claimed message: in the person's language (Czech unless they
// chose English), plain text with an HTML alternative, the link to the page to act on.
func (dl *Delivery) message(o outgoing) (*gomail.Msg, error) {
	lang := o.Lang
	if lang == "" {
		lang = "cs"
	}
	l := dl.catalog.For(lang)
	title, body := Text(l, o.Notice)
	link := strings.TrimRight(dl.BaseURL, "/") + "/inbox"
	if o.Link != "" {
		link = strings.TrimRight(dl.BaseURL, "/") + o.Link
	}
	m := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := m.From(dl.smtp.From); err != nil {
		return nil, err
	}
	if err := m.AddToFormat(o.Name, o.Email); err != nil {
		return nil, err
	}
	m.Subject(title)
	m.SetMessageID()
	m.SetDate()
	m.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated") // RFC 3834: no vacation replies
	greeting := l.T("email.greeting", "Name", o.Name)
	footer := l.T("email.footer")
	unsubscribe := ""
	if IsOptional(o.Kind) && len(dl.UnsubscribeKey) > 0 {
		token := UnsubscribeToken(dl.UnsubscribeKey, o.PersonID, o.Kind)
		base := strings.TrimRight(dl.BaseURL, "/")
		unsubscribe = base + "/unsubscribe/" + token
		// RFC 8058: a mail client turns the kind off with one POST to this address.
		m.SetGenHeader(gomail.HeaderListUnsubscribe, "<"+base+"/api/v1/unsubscribe/"+token+">")
		m.SetGenHeader(gomail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
	}
	open := l.T("email.open")
	plainFoot, htmlFoot := footer, html.EscapeString(footer)
	if unsubscribe != "" {
		plainFoot += "\n" + l.T("email.unsubscribe") + ": " + unsubscribe
		htmlFoot += `<br><a href="` + html.EscapeString(unsubscribe) + `">` + html.EscapeString(l.T("email.unsubscribe")) + "</a>"
	}
	m.SetBodyString(gomail.TypeTextPlain, greeting+"\n\n"+body+"\n\n"+open+": "+link+"\n\n-- \n"+plainFoot+"\n")
	m.AddAlternativeString(gomail.TypeTextHTML, `<!doctype html><html lang="`+lang+`"><body>`+
		"<p>"+html.EscapeString(greeting)+"</p><p>"+html.EscapeString(body)+`</p><p><a href="`+html.EscapeString(link)+`">`+
		html.EscapeString(open)+"</a></p><hr><p><small>"+htmlFoot+"</small></p></body></html>")
	return m, nil
}
