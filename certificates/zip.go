package certificates

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"mentorlms/web"
)

// ZIPName is the name the archive of a run's certificates is downloaded under.
func ZIPName(runID int64) string { return fmt.Sprintf("osvedceni-beh-%d.zip", runID) }

// ZIP packs the stored PDFs of a run's certificates into one archive (admins only), each under
// the name it is downloaded by alone: the number in it keeps two holders of one surname
// apart. The originals go in as issued, not duplicates; a revoked one goes in too, since the
// register keeps it, but its name says so, so that nobody sends it on by mistake. A run
// without certificates has no archive: it is not found, with a message that says why, rather
// than an empty file that looks like a failed download.
func (s *Service) ZIP(ctx context.Context, actor *web.Principal, runID int64, now time.Time) ([]byte, error) {
	certs, err := s.OfRun(ctx, actor, runID, now)
	if err != nil {
		return nil, err
	}
	if len(certs) == 0 {
		return nil, web.NotFound("certificate.zip.empty")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	seen := map[string]bool{}
	for _, c := range certs {
		b, err := s.pdfOf(ctx, c.ID, false)
		if err != nil {
			return nil, err
		}
		name := FileName(c.Number, c.Content.Holder.Name)
		if c.RevokedOn != nil {
			name = strings.TrimSuffix(name, ".pdf") + "-zneplatneno.pdf"
		}
		if seen[name] { // cannot happen while numbers are unique; a name twice would lose a file in most unzippers
			name = strings.TrimSuffix(name, ".pdf") + fmt.Sprintf("-%d.pdf", c.ID)
		}
		seen[name] = true
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if t, err := time.Parse(time.RFC3339, c.IssuedAt); err == nil {
			h.Modified = t.In(web.Prague) // unzipped files carry the time of issue
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, fmt.Errorf("certificates: zip of run %d: %w", runID, err)
		}
		if _, err := w.Write(b); err != nil {
			return nil, fmt.Errorf("certificates: zip of run %d: %w", runID, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("certificates: zip of run %d: %w", runID, err)
	}
	return buf.Bytes(), nil
}
