package attendance

import (
	"fmt"
	"strconv"

	"mentorlms/web"
)

// Minutes are what is kept; people read teaching hours of 45 or 60 minutes, to one decimal.
// Rounding goes toward what is safe to read: attended hours down, so that they never look
// like enough too early, required hours up.

// tenths is minutes read as tenths of an hour of perHour minutes, rounded up or down.
func tenths(minutes, perHour int, up bool) int {
	if perHour <= 0 {
		return 0
	}
	if up {
		return (minutes*10 + perHour - 1) / perHour
	}
	return minutes * 10 / perHour
}

// hoursText writes tenths of an hour as people read them: whole hours without a decimal,
// others with one, after the decimal mark of the language (1,5 in Czech, 1.5 in English).
func hoursText(t int, mark string) string {
	if t%10 == 0 {
		return strconv.Itoa(t / 10)
	}
	return fmt.Sprintf("%d%s%d", t/10, mark, t%10)
}

// decimalMark is the decimal separator of a language.
func decimalMark(l *web.Localizer) string {
	if l.Lang == "cs" {
		return ","
	}
	return "."
}

// progressHours writes minutes as teaching hours of per minutes, with the decimal mark of the
// language ("52,5"), and as the plural rules read the number ("52.5").
func progressHours(minutes, per int, up bool, l *web.Localizer) (shown, count string) {
	t := tenths(minutes, per, up)
	return hoursText(t, decimalMark(l)), hoursText(t, ".")
}
