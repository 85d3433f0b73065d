package audit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mentorlms/db"
	"mentorlms/web"
)

// Filter narrows the log; zero values do not filter. From and To are calendar dates in Prague.
type Filter struct {
	Action   string // exact action, or a prefix ending in "." such as "auth."
	Entity   string
	EntityID int64
	ActorID  int64
	From     string
	To       string
	Limit    int
	Offset   int
}

// Validate reports malformed dates.
func (f Filter) Validate() web.Fields {
	var fs web.Fields
	for name, v := range map[string]string{"from": f.From, "to": f.To} {
		if v == "" {
			continue
		}
		if _, key := web.ParseDate(v); key != "" {
			fs.Add(name, "audit.date.invalid")
		}
	}
	return fs
}

// List returns one page of entries matching f, newest first, and how many match in all.
func List(ctx context.Context, d *db.DB, f Filter) ([]Entry, int, error) {
	if err := f.Validate().Err(); err != nil {
		return nil, 0, err
	}
	var where []string
	var args []any
	if f.Action != "" {
		if strings.HasSuffix(f.Action, ".") {
			where = append(where, "a.action LIKE ?")
			args = append(args, f.Action+"%")
		} else {
			where = append(where, "a.action = ?")
			args = append(args, f.Action)
		}
	}
	if f.Entity != "" {
		where = append(where, "a.entity = ?")
		args = append(args, f.Entity)
	}
	if f.EntityID != 0 {
		where = append(where, "a.entity_id = ?")
		args = append(args, f.EntityID)
	}
	if f.ActorID != 0 {
		where = append(where, "a.actor_id = ?")
		args = append(args, f.ActorID)
	}
	// Dates are whole days in Prague; the log stores UTC instants.
	if f.From != "" {
		t, _ := time.ParseInLocation(web.DateLayout, f.From, web.Prague)
		where = append(where, "a.at >= ?")
		args = append(args, db.Stamp(t))
	}
	if f.To != "" {
		t, _ := time.ParseInLocation(web.DateLayout, f.To, web.Prague)
		where = append(where, "a.at < ?")
		args = append(args, db.Stamp(t.AddDate(0, 0, 1)))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := d.R.GetContext(ctx, &total, `SELECT COUNT(*) FROM audit_log a`+cond, args...); err != nil {
		return nil, 0, fmt.Errorf("audit: count: %w", err)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var list []Entry
	err := d.R.SelectContext(ctx, &list, `
		SELECT a.id, a.at, a.actor_id, COALESCE(p.name, '') AS actor_name, a.action, a.entity,
		       a.entity_id, COALESCE(e.name, '') AS entity_name, a.before, a.after, a.addr
		FROM audit_log a
		LEFT JOIN persons p ON p.id = a.actor_id
		LEFT JOIN persons e ON a.entity = 'person' AND e.id = a.entity_id`+cond+`
		ORDER BY a.id DESC LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("audit: list: %w", err)
	}
	ls, err := labels(ctx, d.R, list)
	if err != nil {
		return nil, 0, err
	}
	for i, e := range list {
		if e.EntityID == nil {
			continue
		}
		if l, ok := ls[e.Entity][*e.EntityID]; ok {
			list[i].EntityName, list[i].EntityDate, list[i].EntityLink = l.Name, l.Date, l.Link
		}
	}
	return list, total, nil
}

// Actions lists the distinct actions in the log, for the filter.
func Actions(ctx context.Context, d *db.DB) ([]string, error) {
	var as []string
	err := d.R.SelectContext(ctx, &as, `SELECT DISTINCT action FROM audit_log ORDER BY action`)
	return as, err
}
