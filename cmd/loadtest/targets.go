package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/valyala/fasthttp"

	"mentorlms/attendance"
	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// targets are the requests of one run of the load tool.
type targets struct {
	bareOK, bareSelect, bareCommit            target
	catalog, run, mine, runs, courses, verify target
	// runSpread and runsSpread never ask for the same URL twice (a query parameter the
	// product ignores tells them apart): what a request costs when no answer can be served
	// again from memory (see web.Shared), as when a crowd reads many different pages.
	runSpread, runsSpread target
	roster                target
	adminToken            string
}

func get(name, path string, headers ...string) target {
	return target{Name: name, want: http.StatusOK, prepare: func(req *fasthttp.Request, _ int) {
		req.SetRequestURI(path)
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
	}}
}

// targets signs in the demo trainee, makes API tokens for the admin and the lecturer, and
// builds the requests.
func makeTargets(ctx context.Context, d *db.DB, w world, now time.Time) (targets, error) {
	ps := people.NewService(d)
	session, _, err := ps.Login(ctx, w.trainee, people.DemoPassword, "127.0.0.1", "", now)
	if err != nil {
		return targets{}, fmt.Errorf("sign-in of the trainee: %w", err)
	}
	admin, err := ps.CreateToken(ctx, "admin@mentorlms.example", people.TokenInput{Name: "loadtest"}, now)
	if err != nil {
		return targets{}, err
	}
	lecturer, err := ps.CreateToken(ctx, w.lecturer, people.TokenInput{Name: "loadtest"}, now)
	if err != nil {
		return targets{}, err
	}
	var firstPerson int64
	if err := d.R.GetContext(ctx, &firstPerson, `SELECT MIN(id) FROM persons`); err != nil {
		return targets{}, err
	}
	var persons int64
	if err := d.R.GetContext(ctx, &persons, `SELECT COUNT(*) FROM persons`); err != nil {
		return targets{}, err
	}
	// Every roster save changes every mark: the even saves mark everyone present, the odd ones
	// everyone absent.
	bodies := [2][]byte{}
	for k, status := range []attendance.Presence{attendance.Present, attendance.Absent} {
		marks := make([]attendance.MarkInput, len(w.roster))
		for i, id := range w.roster {
			marks[i] = attendance.MarkInput{PersonID: id, Status: status}
		}
		if bodies[k], err = json.Marshal(marks); err != nil {
			return targets{}, err
		}
	}
	cookie := web.SessionCookie + "=" + session
	return targets{
		bareOK: get("bare fiber handler \"ok\"", "/ok"),
		bareSelect: target{Name: "bare handler, one indexed SELECT", want: http.StatusOK,
			prepare: func(req *fasthttp.Request, i int) {
				req.SetRequestURI("/select/" + strconv.FormatInt(firstPerson+int64(i)%persons, 10))
			}},
		bareCommit: target{Name: "bare single-row commit (FULL)", want: http.StatusOK,
			prepare: func(req *fasthttp.Request, _ int) {
				req.Header.SetMethod(http.MethodPut)
				req.SetRequestURI("/commit")
			}},
		catalog: get("GET / (catalog)", "/"),
		run:     get("GET /runs/{id} (run page)", "/runs/"+strconv.FormatInt(w.open, 10)),
		mine:    get("GET /my/courses (a trainee)", "/my/courses", "Cookie", cookie),
		runs:    get("GET /api/v1/runs?status=finished", "/api/v1/runs?status=finished"),
		courses: get("GET /api/v1/courses", "/api/v1/courses"),
		runSpread: target{Name: "GET /runs/{id} of finished runs, never the same URL", want: http.StatusOK,
			prepare: func(req *fasthttp.Request, i int) {
				req.SetRequestURI("/runs/" + strconv.FormatInt(w.finished[i%len(w.finished)], 10) + "?n=" + strconv.Itoa(i))
			}},
		runsSpread: target{Name: "GET /api/v1/runs?status=finished, never the same URL", want: http.StatusOK,
			prepare: func(req *fasthttp.Request, i int) {
				req.SetRequestURI("/api/v1/runs?status=finished&n=" + strconv.Itoa(i))
			}},
		// Verification is limited per client address; each request comes from another one
		// through the trusted proxy, as a crowd of readers would.
		verify: target{Name: "GET /verify/{code}", want: http.StatusOK, prepare: func(req *fasthttp.Request, i int) {
			req.SetRequestURI("/verify/" + w.code)
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255))
		}},
		roster: target{Name: fmt.Sprintf("PUT a %d-person roster", len(w.roster)), want: http.StatusOK,
			prepare: func(req *fasthttp.Request, i int) {
				req.Header.SetMethod(http.MethodPut)
				req.SetRequestURI("/api/v1/sessions/" + strconv.FormatInt(w.session, 10) + "/attendance")
				req.Header.Set("Authorization", "Bearer "+lecturer)
				req.Header.SetContentType("application/json")
				req.SetBody(bodies[i%2])
			}},
		adminToken: admin,
	}, nil
}

// issueBatch issues the certificates of every seminar, run after run, as an admin would, and
// counts the certificates issued.
func issueBatch(addr string, ts targets, w world) (result, error) {
	hc := &fasthttp.HostClient{Addr: addr, MaxConns: 1, ReadTimeout: time.Minute, MaxResponseBodySize: 64 << 20}
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	issued := 0
	began := time.Now()
	for _, run := range w.seminars {
		req.Reset()
		req.Header.SetMethod(http.MethodPost)
		req.SetRequestURI("/api/v1/runs/" + strconv.FormatInt(run, 10) + "/certificates")
		req.SetHost(addr)
		req.Header.Set("Authorization", "Bearer "+ts.adminToken)
		if err := hc.Do(req, resp); err != nil {
			return result{}, err
		}
		if resp.StatusCode() != http.StatusCreated {
			return result{}, fmt.Errorf("issuing run %d: status %d: %.300s", run, resp.StatusCode(), resp.Body())
		}
		var body struct {
			Items []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(resp.Body(), &body); err != nil {
			return result{}, err
		}
		issued += len(body.Items)
	}
	return result{Name: "certificates, issued run by run", Requests: issued, Seconds: time.Since(began).Seconds()}, nil
}
