package supervision

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"mentorlms/db"
)

// byID reads the one row that query (ending in "WHERE x.id = ?") finds for id, answering nf
// when there is none; what names the record in other errors.
func byID[T any](ctx context.Context, q db.Querier, query string, id int64, nf error, what string) (T, error) {
	var v T
	if err := q.GetContext(ctx, &v, query, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return v, nf
		}
		return v, fmt.Errorf("supervision: %s %d: %w", what, id, err)
	}
	return v, nil
}
