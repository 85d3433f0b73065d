package web

import (
	"context"
	"strings"
)

type deviceKey struct{}

// Device returns the short name of the browser and system the request came from, which the
// list of a person's sign-ins shows.
func Device(ctx context.Context) string {
	s, _ := ctx.Value(deviceKey{}).(string)
	return s
}

// DeviceOf names a browser and its system from a User-Agent header, "Firefox · Android",
// coarsely on purpose: enough for a person to recognise their phone, nothing to fingerprint
// them by. It returns "" when it recognises neither.
func DeviceOf(ua string) string {
	pick := func(pairs ...string) string {
		for i := 0; i+1 < len(pairs); i += 2 {
			if strings.Contains(ua, pairs[i]) {
				return pairs[i+1]
			}
		}
		return ""
	}
	// Order matters: Edge and Opera say Chrome too, Chrome says Safari, Android says Linux.
	browser := pick("Edg/", "Edge", "OPR/", "Opera", "SamsungBrowser", "Samsung Internet", "Firefox/", "Firefox",
		"FxiOS", "Firefox", "CriOS", "Chrome", "Chrome/", "Chrome", "Safari/", "Safari", "curl/", "curl")
	system := pick("Android", "Android", "iPhone", "iPhone", "iPad", "iPad", "Windows", "Windows",
		"Mac OS X", "macOS", "CrOS", "ChromeOS", "Linux", "Linux")
	switch {
	case browser != "" && system != "":
		return browser + " · " + system
	case browser != "":
		return browser
	}
	return system
}
