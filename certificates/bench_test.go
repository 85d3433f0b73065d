package certificates

import "testing"

// BenchmarkRenderPDF draws one certificate: issuing a run draws one per trainee inside the
// issuing transaction, which holds the single writer meanwhile.
func BenchmarkRenderPDF(b *testing.B) {
	c := sample()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RenderPDF(c); err != nil {
			b.Fatal(err)
		}
	}
}
