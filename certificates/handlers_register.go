package certificates

import (
	"fmt"
	"html/template"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/people"
	"mentorlms/web"
)

// registerRoutes lists the admin's pages of certificates: the register (kniha vydaných
// osvědčení) with its exports, a certificate's page with revoking and duplicates, and issuing
// from a run's completion table.
func (h *Handlers) registerRoutes(r fiber.Router) {
	admin := web.Require(web.RoleAdmin)
	r.Get("/certificates", admin, h.register)
	r.Get("/certificates.csv", admin, h.registerCSV)
	r.Get("/certificates.xlsx", admin, h.registerXLSX)
	h.adminRoutes(r, admin)
}

// registerAPIRoutes lists the register under /api/v1: as JSON and as the same files as the
// page's exports.
func (h *Handlers) registerAPIRoutes(r fiber.Router) {
	admin := web.Require(web.RoleAdmin)
	r.Get("/certificates", admin, h.apiRegister)
	r.Get("/certificates.csv", admin, h.registerCSV)
	r.Get("/certificates.xlsx", admin, h.registerXLSX)
}

// FirstYear is the earliest year the register's filter offers and accepts.
const FirstYear = 2000

// registerQuery is the register's filter as the page's form shows it.
type registerQuery struct {
	Filter
	// YearText is the year chosen, or "all".
	YearText string
}

// registerFilter reads the filter of the register: year (this year unless given, "all" for
// every year), course (an id) and region (the holder's region, a code). A value that names
// nothing is a 400 that says which, rather than a list that is silently empty.
func (h *Handlers) registerFilter(c *fiber.Ctx) (registerQuery, []courses.Course, []people.Region, error) {
	ctx := c.UserContext()
	this := h.clock().In(web.Prague).Year()
	q := registerQuery{Filter: Filter{Year: this}, YearText: strconv.Itoa(this)}
	cs, err := h.svc.courses.Courses(ctx)
	if err != nil {
		return q, nil, nil, err
	}
	regions, err := h.svc.people.Regions(ctx)
	if err != nil {
		return q, nil, nil, err
	}
	switch y := strings.TrimSpace(c.Query("year")); {
	case strings.EqualFold(y, "all"):
		q.Year, q.YearText = 0, "all"
	case y != "":
		n, err := strconv.Atoi(y)
		if err != nil || n < FirstYear || n > this+1 {
			return q, nil, nil, web.BadRequest("cert_register.bad_year", "Min", FirstYear, "Max", this+1)
		}
		q.Year, q.YearText = n, y
	}
	if v := strings.TrimSpace(c.Query("course")); v != "" {
		id, ok := web.ParseID(v)
		if !ok || !slices.ContainsFunc(cs, func(x courses.Course) bool { return x.ID == id }) {
			return q, nil, nil, web.BadRequest("cert_register.bad_course")
		}
		q.CourseID = id
	}
	if v := strings.ToUpper(strings.TrimSpace(c.Query("region"))); v != "" {
		if !slices.ContainsFunc(regions, func(x people.Region) bool { return x.Code == v }) {
			return q, nil, nil, web.BadRequest("cert_register.bad_region")
		}
		q.Region = v
	}
	return q, cs, regions, nil
}

// registerList reads the filtered register: all of it for the exports, a page for the page and
// the API.
func (h *Handlers) registerList(c *fiber.Ctx) (registerQuery, []Certificate, []courses.Course, []people.Region, error) {
	q, list, cs, regions, _, err := h.registerPage(c, 0, 0)
	return q, list, cs, regions, err
}

func (h *Handlers) registerPage(c *fiber.Ctx, limit, offset int) (registerQuery, []Certificate, []courses.Course,
	[]people.Region, int, error) {
	q, cs, regions, err := h.registerFilter(c)
	if err != nil {
		return q, nil, nil, nil, 0, err
	}
	q.Limit, q.Offset = limit, offset
	list, total, err := h.svc.Register(c.UserContext(), web.Me(c), q.Filter, h.clock())
	return q, list, cs, regions, total, err
}

// registerPageSize is how many certificates a page of the register shows.
const registerPageSize = 100

// register shows the register: number, holder, course, run, day of issue and where each
// certificate stands today, filtered by year, course and the holder's region.
func (h *Handlers) register(c *fiber.Ctx) error {
	page := web.PageOfQuery(c)
	q, list, cs, regions, total, err := h.registerPage(c, registerPageSize, (page-1)*registerPageSize)
	if err != nil {
		return err
	}
	this := h.clock().In(web.Prague).Year()
	// The last few years, and the one asked for if it lies further back.
	lowest, highest := max(this-6, FirstYear), this
	if q.Year > 0 {
		lowest, highest = min(lowest, q.Year), max(highest, q.Year)
	}
	var years []int
	for y := highest; y >= lowest; y-- {
		years = append(years, y)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c, "certificates/register", fiber.Map{
		"Title": web.LocalizerOf(c).T("cert_register.title"), "Certificates": list, "Q": q, "Years": years,
		"Courses": cs, "Regions": regions, "Export": exportQuery(q), "Total": total, "Page": page,
		"Pages": (total + registerPageSize - 1) / registerPageSize,
	})
}

// exportQuery is the filter as the query of the export links. It is built here because
// html/template would escape a plain string's '=' and '&' after the '?'; the values are
// encoded by url.Values, so the result is safe as a URL.
func exportQuery(q registerQuery) template.URL {
	v := url.Values{"year": {q.YearText}}
	if q.CourseID > 0 {
		v.Set("course", strconv.FormatInt(q.CourseID, 10))
	}
	if q.Region != "" {
		v.Set("region", q.Region)
	}
	return template.URL(v.Encode())
}

// exportName is the file name of an export of the register: kniha-osvedceni-2026.csv, or -vse
// for every year.
func exportName(q registerQuery, ext string) string {
	year := "vse"
	if q.Year > 0 {
		year = strconv.Itoa(q.Year)
	}
	return fmt.Sprintf("kniha-osvedceni-%s.%s", year, ext)
}

// registerCSV sends the filtered register as CSV for Czech Excel.
func (h *Handlers) registerCSV(c *fiber.Ctx) error {
	q, list, _, _, err := h.registerList(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	return web.SendDownload(c, exportName(q, "csv"), web.MIMECSV,
		func(w io.Writer) error { return WriteRegisterCSV(w, list, l) })
}

// registerXLSX sends the filtered register as an Excel workbook.
func (h *Handlers) registerXLSX(c *fiber.Ctx) error {
	q, list, _, _, err := h.registerList(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	return web.SendDownload(c, exportName(q, "xlsx"), web.MIMEXLSX,
		func(w io.Writer) error { return WriteRegisterXLSX(w, list, l) })
}

// apiRegister answers a page of the filtered register.
func (h *Handlers) apiRegister(c *fiber.Ctx) error {
	limit, offset, err := web.Limits(c)
	if err != nil {
		return err
	}
	_, list, _, _, total, err := h.registerPage(c, limit, offset)
	if err != nil {
		return err
	}
	return c.JSON(web.PageOf(list, total, limit, offset))
}
