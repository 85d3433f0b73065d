package web

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Layout is the one page layout.
const Layout = "layouts/main"

// Render renders the named template inside the layout. Besides data, templates see .L (the
// localizer), .Me (the principal or nil), .CSRF, .Path and .Query.
func Render(c *fiber.Ctx, name string, data fiber.Map) error {
	a := appOf(c)
	bind := fiber.Map{
		"L":     a.Localizer(c),
		"Me":    Me(c),
		"CSRF":  CSRFToken(c),
		"Path":  c.Path(),
		"Query": string(c.Request().URI().QueryString()),
		"Lang":  Lang(c),
	}
	if me := Me(c); me != nil && a.cfg.Unread != nil {
		// One indexed count per page; a failure costs the badge, never the page.
		if n, err := a.cfg.Unread(c.UserContext(), me.ID); err == nil {
			bind["Unread"] = n
		} else {
			a.cfg.Logger.Error("unread count", "err", err)
		}
	}
	if _, own := data["Flash"]; !own {
		// A page that does not show its flash itself gets it above its content (layout).
		if f := TakeFlash(c); f != nil {
			bind["PageFlash"] = f
		}
	}
	for k, v := range data {
		bind[k] = v
	}
	// The page is drawn first and handed to the layout as its content. The template engine's
	// own layouts take an exclusive lock for every render, which would let one page at a time
	// be drawn however many processors there are; parsed templates are safe to run in parallel.
	page := a.views.Templates.Lookup(name)
	if page == nil {
		return fmt.Errorf("render: template %s does not exist", name)
	}
	var content, out bytes.Buffer
	if err := page.Execute(&content, bind); err != nil {
		return err
	}
	bind["Embed"] = template.HTML(content.String())
	if err := a.views.Templates.ExecuteTemplate(&out, Layout, bind); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(out.Bytes())
}

// Redirect answers a successful form post: POST, redirect, GET.
func Redirect(c *fiber.Ctx, path string) error { return c.Redirect(path, fiber.StatusSeeOther) }

// SafeNext returns next when it is a path on this site, else fallback; it keeps sign-in and
// language forms from being turned into open redirects.
func SafeNext(next, fallback string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return fallback
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return fallback
	}
	return next
}

// FormErrors turns an invalid error into messages per field for a form, translated; it
// returns nil and false for any other error, which the caller returns as it is.
func FormErrors(c *fiber.Ctx, err error) (map[string]string, bool) {
	e, ok := AsError(err)
	if !ok || e.Code != CodeInvalid {
		return nil, false
	}
	l := appOf(c).Localizer(c)
	out := make(map[string]string, len(e.Fields))
	for f, m := range e.Fields {
		out[f] = l.Msg(m)
	}
	return out, true
}

const appKey = "web.app"

func appOf(c *fiber.Ctx) *App {
	a, ok := c.Locals(appKey).(*App)
	if !ok {
		panic(fmt.Sprintf("web: %s served outside web.App", c.Path()))
	}
	return a
}

// templateFuncs are the helpers every template may call.
var templateFuncs = map[string]any{
	"add": func(a, b int) int { return a + b },
	"sub": func(a, b int) int { return a - b },
	// hasRole reports whether a list of role names holds role.
	"hasRole": func(list []string, role any) bool {
		for _, v := range list {
			if v == fmt.Sprint(role) {
				return true
			}
		}
		return false
	},
	// dict builds a map for passing several values to a sub-template.
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
	// query builds a query string from name/value pairs, leaving out empty values.
	// query builds a URL query; it is template.URL so that html/template leaves its = and &
	// as they are inside an href (url.Values.Encode has escaped the values already).
	"query": func(kv ...any) template.URL {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			if s := fmt.Sprint(kv[i+1]); s != "" && s != "0" {
				v.Set(fmt.Sprint(kv[i]), s)
			}
		}
		return template.URL(v.Encode())
	},
}

// LocalizerOf returns the localizer of the request's language.
func LocalizerOf(c *fiber.Ctx) *Localizer { return appOf(c).Localizer(c) }

// LocalizerIn is the localizer of a person's own language (English when they chose it, Czech
// otherwise), for documents about them that keep their language whoever downloads them.
func LocalizerIn(c *fiber.Ctx, lang string) *Localizer {
	if lang != "en" {
		lang = "cs"
	}
	return appOf(c).cfg.Catalog.For(lang)
}

// ParamID reads a path parameter that holds an id; ok is false for anything but a positive
// integer, which names no record.
func ParamID(c *fiber.Ctx, name string) (id int64, ok bool) {
	return ParseID(c.Params(name))
}

// PathID reads an id path parameter, answering nf for anything but a positive integer: such a
// path names no record.
func PathID(c *fiber.Ctx, name string, nf *Error) (int64, error) {
	id, ok := ParamID(c, name)
	if !ok {
		return 0, nf
	}
	return id, nil
}

// FormFailure sorts the error of a use case posted from a page: problems of fields (422) and
// conflicts (409) become messages shown on the page again, in the order of their fields; ok is
// false for anything else, which the caller returns as it is.
func FormFailure(c *fiber.Ctx, err error) (msgs []string, status int, ok bool) {
	e, isWeb := AsError(err)
	if !isWeb {
		return nil, 0, false
	}
	l := appOf(c).Localizer(c)
	switch e.Code {
	case CodeInvalid:
		for _, k := range slices.Sorted(maps.Keys(e.Fields)) {
			msgs = append(msgs, l.Msg(e.Fields[k]))
		}
		return msgs, fiber.StatusUnprocessableEntity, true
	case CodeConflict:
		return []string{l.Msg(e.Msg)}, fiber.StatusConflict, true
	}
	return nil, 0, false
}
