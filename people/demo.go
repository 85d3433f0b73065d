package people

import (
	"context"
	"fmt"
	"time"

	"mentorlms/web"
)

// DemoPassword is the password of every demo person.
const DemoPassword = "mentoring-demo"

// DemoLogin is a sign-in printed for whoever tries the demo.
type DemoLogin struct {
	Role  web.Role
	Email string
}

type demoPerson struct {
	email, name, before, after, birth, region, centre string
	roles                                             []web.Role
}

// demoPeople is a small world like the real program: staff in Prague, coordinators in the
// Ústí and Moravian-Silesian regions, lecturers, and mentor candidates near PMS centres.
// demoBirthPlaces are the places of birth the demo's requalification certificates print.
var demoBirthPlaces = map[string]string{
	"ucastnik@mentorlms.example": "Děčín", "jan.bandy@mentorlms.example": "Rumburk",
	"helena.danielova@mentorlms.example": "Chomutov", "frantisek.duzda@mentorlms.example": "Most",
	"lucie.olahova@mentorlms.example": "Ústí nad Labem", "roman.balog@mentorlms.example": "Ostrava",
	"zaneta.cervenakova@mentorlms.example": "Karviná", "milan.kotlar@mentorlms.example": "Havířov",
	"kristyna.berkyova@mentorlms.example": "Teplice", "josef.lakatos@mentorlms.example": "Děčín",
	"renata.mirgova@mentorlms.example": "Varnsdorf", "dusan.tancos@mentorlms.example": "Most",
}

var demoPeople = []demoPerson{
	{"admin@mentorlms.example", "Jana Dvořáková", "Ing.", "", "1979-04-12", "PHA", "", []web.Role{web.RoleAdmin}},
	{"koordinator@mentorlms.example", "Petr Horváth", "Bc.", "", "1983-09-30", "ULK", "Děčín", []web.Role{web.RoleCoordinator}},
	{"renata.lakatosova@mentorlms.example", "Renata Lakatošová", "", "", "1985-01-17", "MSK", "Ostrava", []web.Role{web.RoleCoordinator}},
	{"lektor@mentorlms.example", "Eva Svobodová", "Mgr.", "", "1975-06-03", "ULK", "", []web.Role{web.RoleLecturer}},
	{"jiri.novotny@mentorlms.example", "Jiří Novotný", "PhDr.", "Ph.D.", "1968-11-21", "PHA", "", []web.Role{web.RoleLecturer}},
	{"tomas.kucera@mentorlms.example", "Tomáš Kučera", "JUDr.", "", "1981-02-08", "MSK", "", []web.Role{web.RoleLecturer, web.RoleCoordinator}},
	{"ucastnik@mentorlms.example", "Marie Giňová", "", "", "1992-03-14", "ULK", "Děčín", []web.Role{web.RoleTrainee}},
	{"jan.bandy@mentorlms.example", "Jan Bandy", "", "", "1988-07-25", "ULK", "Rumburk", []web.Role{web.RoleTrainee}},
	{"helena.danielova@mentorlms.example", "Helena Danielová", "", "", "1990-12-01", "ULK", "Chomutov", []web.Role{web.RoleTrainee}},
	{"frantisek.duzda@mentorlms.example", "František Dužda", "", "", "1979-05-19", "ULK", "Most", []web.Role{web.RoleTrainee}},
	{"lucie.olahova@mentorlms.example", "Lucie Oláhová", "", "", "2000-02-29", "ULK", "Ústí nad Labem", []web.Role{web.RoleTrainee}},
	{"roman.balog@mentorlms.example", "Roman Balog", "", "", "1986-10-10", "MSK", "Ostrava", []web.Role{web.RoleTrainee}},
	{"zaneta.cervenakova@mentorlms.example", "Žaneta Červeňáková", "", "", "1995-08-08", "MSK", "Karviná", []web.Role{web.RoleTrainee}},
	{"milan.kotlar@mentorlms.example", "Milan Kotlár", "", "", "1977-04-02", "MSK", "Ostrava", []web.Role{web.RoleTrainee}},
	{"denisa.ferkova@mentorlms.example", "Denisa Ferková", "", "", "1998-06-16", "LBK", "Liberec", []web.Role{web.RoleTrainee}},
	{"stefan.horvath@mentorlms.example", "Štefan Horváth", "", "", "1972-09-09", "VYS", "Jihlava", []web.Role{web.RoleTrainee}},
	{"vera.bihariova@mentorlms.example", "Věra Bihariová", "", "", "1984-03-27", "VYS", "Třebíč", []web.Role{web.RoleTrainee}},
	{"karel.siroky@mentorlms.example", "Karel Široký", "", "", "1991-01-05", "PLK", "Plzeň", []web.Role{web.RoleTrainee}},
	// Mentors of Ústecký kraj who completed the course with the others and work since.
	{"kristyna.berkyova@mentorlms.example", "Kristýna Berkyová", "", "", "1987-04-11", "ULK", "Teplice", []web.Role{web.RoleTrainee}},
	{"josef.lakatos@mentorlms.example", "Josef Lakatoš", "", "", "1982-10-14", "ULK", "Děčín", []web.Role{web.RoleTrainee}},
	{"renata.mirgova@mentorlms.example", "Renata Mirgová", "", "", "1993-01-22", "ULK", "Rumburk", []web.Role{web.RoleTrainee}},
	{"dusan.tancos@mentorlms.example", "Dušan Tancoš", "", "", "1980-06-03", "ULK", "Most", []web.Role{web.RoleTrainee}},
}

// Demo adds the demo people that do not exist yet (matched by e-mail, so a second run adds
// nothing) and returns the sign-ins to print: one per role.
func Demo(ctx context.Context, s *Service, now time.Time) ([]DemoLogin, error) {
	var logins []DemoLogin
	shown := map[web.Role]bool{}
	hash := HashPassword(DemoPassword) // once: argon2 is slow on purpose, and all share it
	for _, d := range demoPeople {
		if _, err := s.store.ByEmail(ctx, s.db.R, d.email); err == ErrNotFound {
			in := Input{Email: d.email, Name: d.name, TitlesBefore: d.before, TitlesAfter: d.after,
				BirthDate: d.birth, BirthPlace: demoBirthPlaces[d.email], Region: d.region, PMSCentre: d.centre,
				Password: DemoPassword, hash: hash}
			for _, r := range d.roles {
				in.Roles = append(in.Roles, string(r))
			}
			if _, err := s.Create(ctx, nil, in, now); err != nil {
				return nil, fmt.Errorf("people: demo %s: %w", d.email, err)
			}
		} else if err != nil {
			return nil, err
		}
		if r := d.roles[0]; !shown[r] && len(d.roles) == 1 {
			shown[r] = true
			logins = append(logins, DemoLogin{Role: r, Email: d.email})
		}
	}
	return logins, nil
}
