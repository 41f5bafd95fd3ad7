package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// agencies maps the lower-case spellings of news agencies to their
// canonical names.
var agencies = map[string]string{
	"tass": "TASS", "itar-tass": "TASS", "itar tass": "TASS", "tass news agency": "TASS",
	"reuters": "Reuters", "thomson reuters": "Reuters",
	"ap": "AP", "associated press": "AP",
	"afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "agence france-press": "AFP",
	"xinhua": "Xinhua", "xinhua news agency": "Xinhua", "xinhuanet": "Xinhua",
	"interfax": "Interfax",
	"upi":      "UPI", "united press international": "UPI",
	"bloomberg": "Bloomberg", "bloomberg news": "Bloomberg",
	"dpa": "dpa", "deutsche presse-agentur": "dpa",
	"ansa": "ANSA",
	"efe":  "EFE", "agencia efe": "EFE",
	"prnewswire": "PR Newswire", "pr newswire": "PR Newswire",
	"prnewswire-usnewswire": "PR Newswire", "prnewswire-firstcall": "PR Newswire",
	"business wire": "Business Wire", "businesswire": "Business Wire",
	"globe newswire": "GlobeNewswire", "globenewswire": "GlobeNewswire",
	"ria novosti": "RIA Novosti", "ria-novosti": "RIA Novosti",
	"cnn":   "CNN",
	"kyodo": "Kyodo", "kyodo news": "Kyodo",
	"yonhap": "Yonhap",
	"pti":    "PTI", "press trust of india": "PTI",
	"ians": "IANS",
	"ani":  "ANI",
	"aap":  "AAP", "australian associated press": "AAP",
	"cp": "CP", "canadian press": "CP",
	"pa": "PA", "press association": "PA", "pa media": "PA",
	"anadolu": "Anadolu", "anadolu agency": "Anadolu", "aa": "Anadolu",
	"sputnik":   "Sputnik",
	"irna":      "IRNA",
	"sana":      "SANA",
	"kuna":      "KUNA",
	"wam":       "WAM",
	"mena":      "MENA",
	"bernama":   "Bernama",
	"unian":     "UNIAN",
	"ukrinform": "Ukrinform",
	"belta":     "BelTA",
}

// parenOnly are spellings too ambiguous to be an agency outside brackets
// or slashes: "PA" is also Pennsylvania, "AP" a word in some headlines.
var parenOnly = map[string]bool{
	"ap": true, "cp": true, "pa": true, "aa": true, "ani": true, "wam": true,
	"sana": true, "mena": true, "cnn": true, "bloomberg": true,
}

// Agency returns the canonical name of the news agency s names, or ""
// when s names none it knows. It accepts the forms found in datelines and
// credits, with or without brackets, slashes, a leading "The" or dash and
// a trailing period, in any case: "(Reuters)", "/TASS/", "ITAR-TASS",
// "The Associated Press", "— AP", "/PRNewswire/", "RIA Novosti".
//
// Canonical names are the agencies' usual short names: TASS, Reuters, AP,
// AFP, Xinhua, Interfax, UPI, Bloomberg, dpa, ANSA, EFE, PR Newswire,
// Business Wire, GlobeNewswire, RIA Novosti, CNN, Kyodo, Yonhap, PTI, IANS,
// ANI, AAP, CP, PA, Anadolu, Sputnik, IRNA, SANA, KUNA, WAM, MENA, Bernama,
// UNIAN, Ukrinform and BelTA.
func Agency(s string) string {
	key, _ := agencyKey(s)
	return agencies[key]
}

// agencyKey returns the lower-case lookup key for s and whether s was
// written in brackets or slashes.
func agencyKey(s string) (key string, bracketed bool) {
	if len(s) > 64 {
		return "", false
	}
	s = strings.TrimFunc(s, func(r rune) bool {
		switch r {
		case '(', ')', '[', ']', '/':
			bracketed = true
			return true
		case '-', '–', '—', '―', '.', ',', ':', '*':
			return true
		}
		return unicode.IsSpace(r)
	})
	if !utf8.ValidString(s) {
		return "", bracketed
	}
	key = strings.ToLower(strings.Join(strings.Fields(s), " "))
	key = strings.TrimPrefix(key, "the ")
	return key, bracketed
}

// bareAgency reports the agency a bare (unbracketed) word sequence names,
// leaving out spellings that are ambiguous outside brackets.
func bareAgency(s string) string {
	key, bracketed := agencyKey(s)
	if bracketed || parenOnly[key] {
		return ""
	}
	return agencies[key]
}

// tailAgency looks for an agency credit in tail, the last few hundred
// bytes of a text: a Reuters "(Reporting by ...; Editing by ...)" note, or
// a last line that is only an agency's name, optionally after a dash or a
// copyright notice ("— The Associated Press", "- Reuters.",
// "Copyright 2016 The Associated Press. All rights reserved.").
func tailAgency(tail string) string {
	for _, k := range []string{"(Reporting by ", "(Additional reporting by ", "(Writing by ", "(Editing by ", "; Editing by "} {
		if strings.Contains(tail, k) {
			return "Reuters"
		}
	}
	tail = strings.TrimRightFunc(tail, unicode.IsSpace)
	line := tail[strings.LastIndexByte(tail, '\n')+1:]
	line = strings.TrimSpace(line)
	if len(line) > 80 {
		return ""
	}
	if rest, ok := cutCopyright(line); ok {
		line = rest
	}
	if strings.HasSuffix(line, "All rights reserved.") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "All rights reserved."))
	}
	if !strings.HasPrefix(line, "-") && !strings.HasPrefix(line, "—") && !strings.HasPrefix(line, "–") &&
		!strings.HasPrefix(line, "The ") && !strings.HasPrefix(line, "Reuters") {
		// a bare name alone on the last line is a credit only in the
		// unmistakable long forms
		if k, _ := agencyKey(line); k != "associated press" && k != "agence france-presse" {
			return ""
		}
	}
	key, _ := agencyKey(line)
	return agencies[key]
}

// cutCopyright removes a leading "Copyright 2016", "© 2016" or "(c) 2016"
// from a credit line.
func cutCopyright(line string) (string, bool) {
	for _, p := range []string{"Copyright ©", "Copyright (c)", "Copyright", "©", "(c)", "(C)"} {
		if rest, ok := strings.CutPrefix(line, p); ok {
			rest = strings.TrimSpace(rest)
			if len(rest) >= 4 && isDigit(rest[0]) && isDigit(rest[1]) && isDigit(rest[2]) && isDigit(rest[3]) {
				rest = strings.TrimSpace(rest[4:])
			}
			return rest, true
		}
	}
	return line, false
}
