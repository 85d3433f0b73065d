package web

import (
	"errors"
	"net/url"

	"github.com/gofiber/fiber/v2"
)

// errorBody is the JSON shape of every API error.
type errorBody struct {
	Error struct {
		Code    Code              `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields,omitempty"`
	} `json:"error"`
}

// handleError is the one place where errors become responses: coded errors keep their status,
// fiber's own errors (unknown route, wrong method, oversized body) keep theirs, and anything
// else is a 500 that is logged and shows no internals.
func (a *App) handleError(c *fiber.Ctx, err error) error {
	e, ok := AsError(err)
	if !ok {
		var fe *fiber.Error
		switch {
		case errors.As(err, &fe) && fe.Code == fiber.StatusNotFound:
			e = NotFound("error.not_found")
		case errors.As(err, &fe) && fe.Code == fiber.StatusMethodNotAllowed:
			e = &Error{Code: CodeNotFound, Msg: M("error.not_found")}
		case errors.As(err, &fe) && fe.Code == fiber.StatusRequestEntityTooLarge:
			e = &Error{Code: CodeTooLarge, Msg: M("error.body.too_large")}
		case errors.As(err, &fe) && fe.Code < 500:
			e = BadRequest("error.bad_request")
		default:
			a.cfg.Logger.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
			e = &Error{Code: CodeInternal, Msg: M("error.internal")}
		}
	}
	if e.Code == CodeInternal && ok {
		a.cfg.Logger.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
	}
	c.Locals(appKey, a) // the error may come from middleware that ran before the app was attached
	l := a.Localizer(c)
	if isAPI(c) {
		var body errorBody
		body.Error.Code = e.Code
		body.Error.Message = l.Msg(e.Msg)
		if len(e.Fields) > 0 {
			body.Error.Fields = map[string]string{}
			for f, m := range e.Fields {
				body.Error.Fields[f] = l.Msg(m)
			}
		}
		return c.Status(e.Status()).JSON(body)
	}
	if e.Code == CodeUnauthorized {
		// After signing in, go back to the page; a form post cannot be replayed, so its page is lost.
		if c.Method() != fiber.MethodGet {
			return Redirect(c, "/login")
		}
		return Redirect(c, "/login?next="+url.QueryEscape(c.OriginalURL()))
	}
	fields := map[string]string{}
	for f, m := range e.Fields {
		fields[f] = l.Msg(m)
	}
	c.Status(e.Status())
	if rerr := Render(c, "errors/error", fiber.Map{
		"Status":  e.Status(),
		"Title":   l.T("error.title." + string(e.Code)),
		"Message": l.Msg(e.Msg),
		"Fields":  fields,
	}); rerr != nil {
		a.cfg.Logger.Error("rendering error page", "err", rerr)
		return c.Status(e.Status()).SendString(l.Msg(e.Msg))
	}
	return nil
}
