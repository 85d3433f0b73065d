package courses

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/people"
	"mentorlms/web"
)

// ErrFeedNotFound answers an unknown feed address; it says no more than any missing page, so
// that guessing addresses learns nothing.
var ErrFeedNotFound = web.NotFound("error.not_found")

// feedRun is what a calendar shows of a session's run.
type feedRun struct {
	ID           int64  `db:"id"`
	CourseTitle  string `db:"course_title"`
	Online       bool   `db:"online"`
	Town         string `db:"town"`
	Address      string `db:"address"`
	JoinLink     string `db:"join_link"`
	Status       Status `db:"status"`
	CancelReason string `db:"cancel_reason"`
}

// Events gives sessions what a calendar shows of them: their course's title, their run's place
// and whether the whole run was cancelled. joinLinks is true only for a feed of the people of
// the runs (a person's own feed: sessions they teach or are enrolled for); the events of online
// runs then carry the join link. A run's public feed, which anyone may fetch, passes false.
func (s *Store) Events(ctx context.Context, sessions []Session, joinLinks bool) ([]Event, error) {
	if len(sessions) == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, len(sessions))
	for _, ss := range sessions {
		ids = append(ids, ss.RunID)
	}
	query, args, err := sqlx.In(`SELECT r.id, c.title AS course_title, r.online, r.town, r.address, r.join_link, r.status,
		r.cancel_reason FROM runs r JOIN courses c ON c.id = r.course_id WHERE r.id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var rows []feedRun
	if err := s.db.R.SelectContext(ctx, &rows, s.db.R.Rebind(query), args...); err != nil {
		return nil, fmt.Errorf("courses: runs of calendar events: %w", err)
	}
	runs := make(map[int64]feedRun, len(rows))
	for _, r := range rows {
		runs[r.ID] = r
	}
	out := make([]Event, 0, len(sessions))
	for _, ss := range sessions {
		r := runs[ss.RunID]
		place := Run{Online: r.Online, Town: r.Town, Address: r.Address}.Place()
		e := Event{Session: ss, CourseTitle: r.CourseTitle, Place: place,
			RunCancelled: r.Status == StatusCancelled, RunReason: r.CancelReason}
		if joinLinks && r.Online {
			e.JoinLink = r.JoinLink
		}
		out = append(out, e)
	}
	return out, nil
}

// FeedOwner is the person behind a private feed address.
type FeedOwner struct {
	ID int64 `db:"id"`
}

// FeedOwner finds the active person whose private feed token is token; ErrFeedNotFound when
// there is none. Only the token's hash is stored, so it is the hash that is looked up.
func (s *Store) FeedOwner(ctx context.Context, token string) (FeedOwner, error) {
	var o FeedOwner
	if !feedTokenShape(token) {
		return o, ErrFeedNotFound
	}
	err := s.db.R.GetContext(ctx, &o, `SELECT id FROM persons WHERE calendar_token = ? AND active = 1`,
		people.HashToken(token))
	if errors.Is(err, sql.ErrNoRows) {
		return o, ErrFeedNotFound
	}
	if err != nil {
		return o, fmt.Errorf("courses: feed owner: %w", err)
	}
	return o, nil
}

// HasFeed reports whether a person has a private feed address.
func (s *Store) HasFeed(ctx context.Context, personID int64) (bool, error) {
	var n int
	err := s.db.R.GetContext(ctx, &n, `SELECT COUNT(*) FROM persons WHERE id = ? AND calendar_token <> ''`, personID)
	return n > 0, err
}

// NewFeed gives the person signed in a new private feed address and returns its token; an
// address made before stops working. Only the token's hash is kept, so a leaked database opens
// no feed, and the token can be shown this once.
func (s *Service) NewFeed(ctx context.Context, actor *web.Principal, now time.Time) (string, error) {
	if actor == nil {
		return "", web.Unauthorized()
	}
	token, hash := people.NewToken("")
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var had int
		if err := tx.GetContext(ctx, &had, `SELECT COUNT(*) FROM persons WHERE id = ? AND calendar_token <> ''`,
			actor.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE persons SET calendar_token = ? WHERE id = ?`, hash, actor.ID); err != nil {
			return fmt.Errorf("courses: feed of person %d: %w", actor.ID, err)
		}
		action := "calendar.create"
		if had > 0 {
			action = "calendar.replace"
		}
		return s.record(ctx, tx, now, actor, action, "person", actor.ID, nil, nil)
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// feedTokenLen is the length of a token: 32 random bytes in unpadded base64url.
const feedTokenLen = 43

// feedTokenShape reports whether s can be a token at all, so that junk costs no query.
func feedTokenShape(s string) bool {
	if len(s) != feedTokenLen {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}
