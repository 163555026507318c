package gazetteer

import (
	"strings"
	"unicode/utf8"
)

// foldDiacritics replaces the accented Latin letters that occur in country and place names with
// their unaccented forms ("Côte d'Ivoire" → "Cote d'Ivoire", "Türkiye" → "Turkiye",
// "Chișinău" → "Chisinau"), leaving every other character as it is.
func foldDiacritics(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := folds[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var folds = func() map[rune]string {
	m := make(map[rune]string)
	for _, p := range []struct{ from, to string }{
		{"àáâãäåāăą", "a"}, {"ÀÁÂÃÄÅĀĂĄ", "A"},
		{"çćčĉċ", "c"}, {"ÇĆČĈĊ", "C"},
		{"ďđ", "d"}, {"ĎĐ", "D"},
		{"èéêëēĕėęě", "e"}, {"ÈÉÊËĒĔĖĘĚ", "E"},
		{"ğĝġģ", "g"}, {"ĞĜĠĢ", "G"},
		{"ìíîïīĭįı", "i"}, {"ÌÍÎÏĪĬĮİ", "I"},
		{"ķ", "k"}, {"Ķ", "K"},
		{"ĺļľŀł", "l"}, {"ĹĻĽĿŁ", "L"},
		{"ñńņňŉ", "n"}, {"ÑŃŅŇ", "N"},
		{"òóôõöøōŏő", "o"}, {"ÒÓÔÕÖØŌŎŐ", "O"},
		{"ŕŗř", "r"}, {"ŔŖŘ", "R"},
		{"śŝşšș", "s"}, {"ŚŜŞŠȘ", "S"},
		{"ţťŧț", "t"}, {"ŢŤŦȚ", "T"},
		{"ùúûüũūŭůűų", "u"}, {"ÙÚÛÜŨŪŬŮŰŲ", "U"},
		{"ýÿŷ", "y"}, {"ÝŸŶ", "Y"},
		{"źżž", "z"}, {"ŹŻŽ", "Z"},
	} {
		for _, r := range p.from {
			m[r] = p.to
		}
	}
	m['ß'] = "ss"
	m['æ'] = "ae"
	m['Æ'] = "AE"
	m['œ'] = "oe"
	m['Œ'] = "OE"
	return m
}()
