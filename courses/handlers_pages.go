package courses

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// formValues are the fields of a posted form as they were typed, so that a form shown again
// after a mistake keeps everything the person wrote, mistakes included.
type formValues map[string]string

func readForm(c *fiber.Ctx, names ...string) formValues {
	v := make(formValues, len(names))
	for _, n := range names {
		v[n] = strings.TrimSpace(c.FormValue(n))
	}
	return v
}

// integer reads a whole number; empty is 0, anything else that is not a number is a problem
// of the field.
func (v formValues) integer(f *web.Fields, name string) int {
	if v[name] == "" {
		return 0
	}
	n, err := strconv.Atoi(v[name])
	if err != nil {
		f.Add(name, "form.integer")
	}
	return n
}

// optional reads a whole number that may be left empty, which then means the default.
func (v formValues) optional(f *web.Fields, name string) *int {
	if v[name] == "" {
		return nil
	}
	n := v.integer(f, name)
	return &n
}

// id reads the id of a choice (a lecturer, a module); empty is 0.
func (v formValues) id(f *web.Fields, name string) int64 {
	if v[name] == "" {
		return 0
	}
	n, ok := web.ParseID(v[name])
	if !ok {
		f.Add(name, "form.choice")
	}
	return n
}

// ids reads the ids of a group of checkboxes.
func ids(c *fiber.Ctx, f *web.Fields, name string) ([]int64, []string) {
	var out []int64
	var raw []string
	for _, b := range c.Request().PostArgs().PeekMulti(name) {
		s := string(b)
		raw = append(raw, s)
		n, ok := web.ParseID(s)
		if !ok {
			f.Add(name, "form.choice")
			continue
		}
		out = append(out, n)
	}
	return out, raw
}

// checked reports whether a checkbox was ticked.
func checked(c *fiber.Ctx, name string) bool { return c.FormValue(name) != "" }

// merge adds the problems of more to f where f has none for the field yet, so that a value that
// could not be read keeps its own message.
func merge(f *web.Fields, more web.Fields) {
	for k, m := range more {
		if _, ok := (*f)[k]; !ok {
			if *f == nil {
				*f = web.Fields{}
			}
			(*f)[k] = m
		}
	}
}

// conflictKey holds, among a form's messages, the one that concerns the whole form: a clash or
// a state that does not allow the change.
const conflictKey = "conflict"

// formFailure sorts the error of a form's use case: problems of fields (422) and conflicts (409)
// are shown on the form again with what was typed; ok is false for anything else, which the
// caller returns as it is.
func formFailure(c *fiber.Ctx, err error) (errs map[string]string, status int, ok bool) {
	if errs, ok := web.FormErrors(c, err); ok {
		return errs, fiber.StatusUnprocessableEntity, true
	}
	if e, ok := web.AsError(err); ok && e.Code == web.CodeConflict {
		return map[string]string{conflictKey: web.LocalizerOf(c).Msg(e.Msg)}, fiber.StatusConflict, true
	}
	return nil, 0, false
}

// invalid turns problems found while reading a form into the errors a failed use case gives.
func invalid(c *fiber.Ctx, f web.Fields) map[string]string {
	errs, _ := web.FormErrors(c, f.Err())
	return errs
}

func (h *Handlers) t(c *fiber.Ctx, key string, pairs ...any) string {
	return web.LocalizerOf(c).T(key, pairs...)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// staff are those who plan and teach, who see every run and not only the public catalog.
func staff(c *fiber.Ctx) bool {
	return web.Me(c).Has(web.RoleAdmin, web.RoleCoordinator, web.RoleLecturer)
}
