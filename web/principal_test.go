package web_test

import (
	"encoding/json"
	"testing"

	"mentorlms/web"
)

func TestPrincipalRoles(t *testing.T) {
	coord := &web.Principal{Roles: []web.Role{web.RoleCoordinator, web.RoleLecturer}, Region: "MSK"}
	noRegion := &web.Principal{Roles: []web.Role{web.RoleCoordinator}}
	var nobody *web.Principal
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"has one of its roles", coord.Has(web.RoleLecturer), true},
		{"has any of several", coord.Has(web.RoleAdmin, web.RoleCoordinator), true},
		{"lacks admin", coord.Has(web.RoleAdmin), false},
		{"has nothing when asked for nothing", coord.Has(), false},
		{"nil principal has no role", nobody.Has(web.RoleTrainee), false},
		{"Is by name", coord.Is("lecturer"), true},
		{"Is unknown name", coord.Is("owner"), false},
		{"coordinates own region", coord.CoordinatesRegion("MSK"), true},
		{"not another region", coord.CoordinatesRegion("PHA"), false},
		{"empty region matches nothing", noRegion.CoordinatesRegion(""), false},
		{"a lecturer coordinates nothing", (&web.Principal{Roles: []web.Role{web.RoleLecturer}, Region: "MSK"}).CoordinatesRegion("MSK"), false},
		{"valid role", web.RoleTrainee.Valid(), true},
		{"invalid role", web.Role("owner").Valid(), false},
		{"empty role", web.Role("").Valid(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}

func TestItems(t *testing.T) {
	tests := []struct {
		name  string
		items []string
		want  string
	}{
		{"nil is an empty list", nil, `{"items":[]}`},
		{"values", []string{"a", "b"}, `{"items":["a","b"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(web.Items(tt.items))
			if err != nil || string(b) != tt.want {
				t.Errorf("Items = %s, %v; want %s", b, err, tt.want)
			}
		})
	}
}
