package main

import (
	"errors"
	"fmt"
	"os"

	"mentorlms/db"
	"mentorlms/people"
)

// cmdImport creates many people from a CSV or XLSX file, all of them or none: a list that is
// half imported would have to be sorted out by hand.
func cmdImport(e *env, args []string) error {
	f := newFlags(e, "import")
	path := f.db()
	dryRun := f.boolean("dry-run", "cli.flag.dry_run")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.sub("people"); err != nil {
		return err
	}
	if err := f.expect(1, "cli.import.file"); err != nil {
		return err
	}
	file, err := readImport(f.pos[0])
	var bad *people.ImportError
	if errors.As(err, &bad) {
		report(e, "cli.import.unreadable", file, bad)
		return errReported
	} else if err != nil {
		return err
	}
	d, err := db.Open(e.ctx, *path)
	if err != nil {
		return err
	}
	defer d.Close()
	n, err := people.NewService(d).Import(e.ctx, nil, file.Rows, e.now(), *dryRun)
	if errors.As(err, &bad) {
		report(e, "", file, bad)
		return errReported
	} else if err != nil {
		return err
	}
	if *dryRun {
		fmt.Fprintln(e.stdout, "mentorlms:", e.l.N("cli.import.checked", n))
		return nil
	}
	fmt.Fprintln(e.stdout, "mentorlms:", e.l.N("cli.import.done", n))
	fmt.Fprintln(e.stdout, "mentorlms:", e.l.T("cli.import.no_password"))
	return nil
}

func readImport(name string) (people.ImportFile, error) {
	r, err := os.Open(name)
	if err != nil {
		return people.ImportFile{}, err
	}
	defer r.Close()
	return people.ReadImport(name, r)
}

// report prints every problem of an import file by line and column, under a line that says
// nothing was imported (headKey, or how many rows are wrong when it is "").
func report(e *env, headKey string, file people.ImportFile, bad *people.ImportError) {
	head := e.l.N("cli.import.failed", bad.Bad, "Rows", bad.Rows)
	if headKey != "" {
		head = e.l.T(headKey)
	}
	fmt.Fprintln(e.stderr, "mentorlms import people:", head)
	for _, p := range bad.Problems {
		msg := e.l.Msg(p.Msg)
		if p.Field == "" {
			fmt.Fprintln(e.stderr, " ", e.l.T("cli.import.problem_row", "Line", p.Line, "Message", msg))
			continue
		}
		column := file.Columns[p.Field]
		if column == "" {
			column = e.l.T("field." + p.Field) // a column the file lacks
		}
		fmt.Fprintln(e.stderr, " ", e.l.T("cli.import.problem", "Line", p.Line, "Column", column, "Message", msg))
	}
}
