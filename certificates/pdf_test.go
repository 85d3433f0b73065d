package certificates

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	qr "github.com/piglig/go-qr"

	"mentorlms/web"
	"mentorlms/web/pdf"
	"mentorlms/web/pdf/pdftest"
)

// Long text that must wrap, never run off the page: a title of 120 characters and a name with
// many titles.
const (
	longTitle = "Práce s rodinou v sociálně vyloučené lokalitě: dluhy, exekuce, bydlení, zaměstnání a vzdělávání dětí v praxi mentorů PMS"
	longName  = "Maximiliána Kristýna Wolfgangová-Nepomucká-Přibyslavská"
)

// sample is a requalification certificate with every field filled.
func sample() Content {
	return Content{
		Issuer: Issuer{Name: "Romský mentoring, z. s.", Address: "Štefánikova 65/12, 150 00 Praha 5", ICO: "01234567",
			Place: "Praha", Signatory: "Mgr. Anna Kováčová, předsedkyně spolku"},
		Number: "RM/2026/0042", Code: "7KQ2M9XHP4RT", Verify: "https://mentoring.example.cz/verify/7KQ2M9XHP4RT",
		Holder: Holder{Name: "Žofie Řezníčková-Šťastná", TitlesBefore: "Mgr.", TitlesAfter: "DiS.", BirthDate: "1992-03-14"},
		Course: "Mentor sociálního začleňování", Kind: "requalification", AccBody: "MŠMT", AccNo: "MSMT-12345/2025-3",
		TheoryHours: 30, PracticeHours: 10, RunStartsOn: "2026-09-01", RunEndsOn: "2026-11-20",
		RunPlace: "Ústí nad Labem, Velká Hradební 8", ExamOn: "2026-11-27",
		Signer: "doc. PhDr. Eva Svobodová, CSc.", SignerChair: true, IssuedOn: "2026-12-03",
	}
}

func render(t testing.TB, c Content) []byte {
	t.Helper()
	b, err := RenderPDF(c)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	return b
}

// squash drops all white space: a wrapped line reads back as the same characters on several
// lines, and the layout puts columns apart with runs of spaces.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

func contains(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(squash(text), squash(s)) {
			t.Errorf("the certificate lacks %q", s)
		}
	}
}

func lacks(t *testing.T, text string, absent ...string) {
	t.Helper()
	for _, s := range absent {
		if strings.Contains(squash(text), squash(s)) {
			t.Errorf("the certificate says %q", s)
		}
	}
}

func TestRenderPDF(t *testing.T) {
	pages := pdftest.Pages(t, render(t, sample()))
	if len(pages) != 1 {
		t.Errorf("%d pages, want 1", len(pages))
	}
	text := strings.Join(pages, "\n")
	contains(t, text,
		"Romský mentoring, z. s.", "Štefánikova 65/12, 150 00 Praha 5", "IČO: 01234567",
		"OSVĚDČENÍ", "o rekvalifikaci", "č. RM/2026/0042",
		"Tímto se osvědčuje, že osoba", "Mgr. Žofie Řezníčková-Šťastná, DiS.", "datum narození: 14. 3. 1992",
		"úspěšně absolvovala", "„Mentor sociálního začleňování“", "rekvalifikační kurz",
		"akreditace: MŠMT, č. MSMT-12345/2025-3",
		"Rozsah 40 hodin (teorie 30 hodin, praxe 10 hodin)",
		"Termín konání 1. 9. 2026 – 20. 11. 2026", "Místo konání Ústí nad Labem, Velká Hradební 8",
		"Závěrečná zkouška složena dne 27. 11. 2026",
		"Praha, 3. 12. 2026",
		"Mgr. Anna Kováčová, předsedkyně spolku", "za statutární orgán",
		"doc. PhDr. Eva Svobodová, CSc.", "za zkušební komisi",
		"Ověření pravosti osvědčení", "ověřovací kód: 7KQ2M9XHP4RT", "https://mentoring.example.cz/verify/7KQ2M9XHP4RT",
		"Osvědčení č. RM/2026/0042", "Strana 1 z 1")
	// A requalification does not expire; the original is no duplicate.
	lacks(t, text, "Platnost", "platí do", "DUPLIKÁT", "vyučující", "online")
}

// The other kinds: no requalification subtitle, no exam, a validity, online, no accreditation,
// the lecturer signs; and the plural forms of the hours.
func TestRenderPDFVariants(t *testing.T) {
	for _, tc := range []struct {
		name   string
		edit   func(c *Content)
		want   []string
		absent []string
	}{
		{"online seminar", func(c *Content) {
			c.Kind, c.AccBody, c.AccNo, c.ExamOn = "online_seminar", "", "", ""
			c.Online, c.RunPlace, c.RunEndsOn = true, "", c.RunStartsOn
			c.TheoryHours, c.PracticeHours, c.ValidUntil = 1, 0, "2027-03-01"
			c.Signer, c.SignerChair = "Karel Šťovíček", false
		}, []string{"online seminář", "Místo konání online", "Termín konání 1. 9. 2026", "Rozsah 1 hodina teorie",
			"Platnost platí do 1. 3. 2027", "Karel Šťovíček", "vyučující"},
			[]string{"o rekvalifikaci", "akreditováno", "Závěrečná zkouška", "za zkušební komisi", "1. 9. 2026 –"}},
		{"accredited seminar", func(c *Content) {
			c.Kind, c.AccBody, c.AccNo, c.ExamOn, c.SignerChair = "accredited_seminar", "MPSV", "2014/0998-PC/SP/VP/PP", "", false
			c.TheoryHours, c.PracticeHours = 3, 2
		}, []string{"akreditovaný seminář", "akreditace: MPSV, č. 2014/0998-PC/SP/VP/PP",
			"Rozsah 5 hodin (teorie 3 hodiny, praxe 2 hodiny)", "vyučující"}, []string{"o rekvalifikaci", "rekvalifikační kurz"}},
		{"the other kinds", func(c *Content) { c.Kind, c.TheoryHours, c.PracticeHours = "excursion", 21, 1 },
			[]string{"exkurze", "Rozsah 22 hodin (teorie 21 hodin, praxe 1 hodina)"}, nil},
		{"conference", func(c *Content) { c.Kind = "conference" }, []string{"konference"}, nil},
		{"workshop", func(c *Content) { c.Kind = "workshop" }, []string{"workshop"}, nil},
		{"course", func(c *Content) { c.Kind = "course" }, []string{"kurz"}, []string{"rekvalifikační"}},
		{"body without a number", func(c *Content) { c.AccBody, c.AccNo = "Česká asociace streetwork", "" },
			[]string{"akreditace: Česká asociace streetwork"}, []string{"pod č."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := sample()
			tc.edit(&c)
			text := pdftest.Text(t, render(t, c))
			contains(t, text, tc.want...)
			lacks(t, text, tc.absent...)
		})
	}
}

func TestHours(t *testing.T) {
	w, err := czech()
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{0: "0 hodin", 1: "1 hodina", 2: "2 hodiny", 4: "4 hodiny", 5: "5 hodin",
		21: "21 hodin", 22: "22 hodin", 40: "40 hodin", 150: "150 hodin"} {
		if got := w.N("pdf.hours", n); got != want {
			t.Errorf("hours(%d) = %q, want %q", n, got, want)
		}
	}
}

// A duplicate keeps the number and the day of issue and says it is one, and when it was made.
func TestRenderPDFDuplicate(t *testing.T) {
	c := sample()
	c.DuplicateOn = "2027-06-05"
	text := pdftest.Text(t, render(t, c))
	contains(t, text, "DUPLIKÁT", "vystaveno 5. 6. 2027", "č. RM/2026/0042", "Praha, 3. 12. 2026",
		"Osvědčení č. RM/2026/0042 · DUPLIKÁT vystavený 5. 6. 2027", "Mgr. Žofie Řezníčková-Šťastná, DiS.")
}

var (
	bboxPage = regexp.MustCompile(`<page width="([\d.]+)"`)
	bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>`)
)

// Long names, titles and course titles wrap within the margins: every word the extractor
// finds lies inside them, nothing is lost, and the certificate stays on one page.
func TestRenderPDFLongText(t *testing.T) {
	if len([]rune(longTitle)) != 120 {
		t.Fatalf("the long title has %d characters, want 120", len([]rune(longTitle)))
	}
	c := sample()
	c.Course = longTitle
	c.Holder = Holder{Name: longName, TitlesBefore: "prof. PhDr. Mgr. Bc.", TitlesAfter: "Ph.D., DSc., MBA, LL.M.", BirthDate: "1992-03-14"}
	c.RunPlace = "Sociálně aktivizační centrum Nepomucká-Přibyslavská, Velká Hradební 1234/56, 400 01 Ústí nad Labem-Centrum"
	c.AccBody = "Ministerstvo práce a sociálních věcí České republiky, odbor sociálních služeb a sociální práce"
	c.Signer = "prof. PhDr. Mgr. Maximilián Wolfgang Nepomucký-Přibyslavský, Ph.D., DSc., MBA"
	c.ValidUntil = "2028-12-31"
	c.DuplicateOn = "2027-01-04"
	out := render(t, c)
	pages := pdftest.Pages(t, out)
	if len(pages) != 1 {
		t.Errorf("%d pages, want 1", len(pages))
	}
	text := strings.Join(pages, "\n")
	contains(t, text, longTitle, "prof. PhDr. Mgr. Bc. "+longName+", Ph.D., DSc., MBA, LL.M.", c.RunPlace, c.AccBody,
		// The signature lines stand side by side, so the extracted lines of the two names interleave.
		"prof. PhDr. Mgr. Maximilián Wolfgang", "Nepomucký-Přibyslavský, Ph.D., DSc., MBA")

	cmd := exec.CommandContext(t.Context(), pdftest.Tool, "-bbox", "-", "-")
	cmd.Stdin = bytes.NewReader(out)
	html, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	m := bboxPage.FindSubmatch(html)
	if m == nil {
		t.Fatal("no page in the bounding boxes")
	}
	width, _ := strconv.ParseFloat(string(m[1]), 64)
	margin := 15 / 25.4 * 72 // the toolkit's side margin in points
	words := bboxWord.FindAllSubmatch(html, -1)
	if len(words) < 100 {
		t.Fatalf("%d words found", len(words))
	}
	for _, w := range words {
		x0, _ := strconv.ParseFloat(string(w[1]), 64)
		x1, _ := strconv.ParseFloat(string(w[2]), 64)
		if x0 < margin-1 || x1 > width-margin+1 {
			t.Errorf("%q runs from %.0f to %.0f pt, outside the margins %.0f–%.0f", w[3], x0, x1, margin, width-margin)
		}
	}
}

// Whatever the content holds, the certificate is drawn: a bare record (an old or hand-made
// register entry) and text a font cannot show.
func TestRenderPDFOddContent(t *testing.T) {
	text := pdftest.Text(t, render(t, Content{Number: "S/2026/0001", Holder: Holder{Name: "Jan Bandy"}, Course: "Kurz", Kind: "x"}))
	contains(t, text, "OSVĚDČENÍ", "č. S/2026/0001", "Jan Bandy", "„Kurz“")
	lacks(t, text, "Rozsah", "datum narození", "Ověřovací kód", "kind.")
	c := sample()
	c.Course = "Kurz 🙂\x00\tnaruby"
	contains(t, pdftest.Text(t, render(t, c)), "„Kurz ?", "naruby“")
}

// Certificates drawn at the same time do not share the font bytes gofpdf writes into (run
// under -race), and each says what it was given.
func TestRenderPDFParallel(t *testing.T) {
	outs := make([][]byte, 24)
	errs := make([]error, len(outs))
	var wg sync.WaitGroup
	for i := range outs {
		wg.Go(func() {
			c := sample()
			c.Number = fmt.Sprintf("RM/2026/%04d", i+1)
			c.Holder.Name = fmt.Sprintf("Šťastný Účastník %d", i+1)
			outs[i], errs[i] = RenderPDF(c)
		})
	}
	wg.Wait()
	for i, b := range outs {
		if errs[i] != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("certificate %d: %v", i+1, errs[i])
		}
	}
	for _, i := range []int{0, 11, 23} {
		contains(t, pdftest.Text(t, outs[i]), fmt.Sprintf("č. RM/2026/%04d", i+1), fmt.Sprintf("Šťastný Účastník %d", i+1))
	}
}

// The QR code on the page is the code of the verification address, module by module: the page
// is rasterised and the centre of every module read back.
func TestRenderPDFQRCode(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		pdftest.Available(t) // the same package (poppler-utils) brings both
		t.Skip("pdftoppm is not installed")
	}
	c := sample()
	const dpi = 200
	cmd := exec.CommandContext(t.Context(), "pdftoppm", "-gray", "-r", strconv.Itoa(dpi), "-f", "1", "-l", "1", "-")
	cmd.Stdin = bytes.NewReader(render(t, c))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(bytes.NewReader(out))
	var magic string
	var w, h, maxv int
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxv); err != nil || magic != "P5" {
		t.Fatalf("not a PGM: %q %v", magic, err)
	}
	_, _ = r.ReadByte()
	px, _ := io.ReadAll(r)
	if len(px) != w*h {
		t.Fatalf("%d pixels, want %d", len(px), w*h)
	}
	bits, err := web.QRModules(c.Verify)
	if err != nil {
		t.Fatal(err)
	}
	// Where drawClosing puts the code on a page whose text leaves the closing block at the foot.
	const pageH = 297.0 // A4
	x0, y0 := pdf.MarginSide, pageH-pdf.MarginBottom-verifyH+2
	m := qrSize / float64(len(bits))
	wrong := 0
	for row := range bits {
		for col := range bits[row] {
			x := int((x0 + (float64(col)+0.5)*m) / 25.4 * dpi)
			y := int((y0 + (float64(row)+0.5)*m) / 25.4 * dpi)
			if dark := px[y*w+x] < 128; dark != bits[row][col] {
				wrong++
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d modules differ from the code of %s", wrong, len(bits)*len(bits), c.Verify)
	}
	// And a reader finds the code on the page and reads the address.
	page := &image.Gray{Pix: px, Stride: w, Rect: image.Rect(0, 0, w, h)}
	if got, err := qr.Decode(page); err != nil || got != c.Verify {
		t.Errorf("the page's code reads %q, %v; want %s", got, err, c.Verify)
	}
}

// An accreditation number keeps its hyphens: the font's hyphen once printed as long as a dash
// ("MSMT–18457"); it is now the short one and reads back as the hyphen that was written.
func TestRenderPDFHyphen(t *testing.T) {
	c := sample()
	c.AccNo = "MSMT-18457/2024-2"
	text := pdftest.Text(t, render(t, c))
	contains(t, text, "akreditace: MŠMT, č. MSMT-18457/2024-2")
	lacks(t, text, "MSMT–18457", "MSMT\u00ad18457", "MSMT\u201018457")
}
