package document

import (
	"cmp"
	"iter"
	"slices"
	"strings"
)

// promoPrefixes start newsletter and subscription promotions.
var promoPrefixes = []string{
	"unlock the ", "sign up", "subscribe to", "subscribe now", "subscribe for", "subscribe:",
	"get the latest", "get our", "get alerts", "join our", "download the", "download our",
	"don't miss", "don’t miss", "support our journalism", "support independent", "we use cookies",
	"enable notifications", "stay informed", "stay up to date", "want to receive",
}

func isPromo(p string) bool {
	if len(p) > 300 {
		return false
	}
	if !promoFirst.has(p) && !containsFold(p, "newsletter") {
		return false
	}
	for _, pre := range promoPrefixes {
		if hasPrefixFold(p, pre) {
			return true
		}
	}
	if len(p) < 160 && containsFold(p, "newsletter") {
		for _, w := range []string{"sign up", "subscribe", "unlock", "for free", "inbox", "delivered", "get the"} {
			if containsFold(p, w) {
				return true
			}
		}
	}
	return false
}

// isPromoFollowUp matches the tagline that follows a newsletter promotion
// ("Your guide to what … means for …", "Delivered to your inbox").
func isPromoFollowUp(p string) bool {
	if len(p) > 200 || endsSentence(p) {
		return false
	}
	return hasPrefixFold(p, "your guide to") || hasPrefixFold(p, "delivered") || hasPrefixFold(p, "the latest") ||
		hasPrefixFold(p, "your daily") || hasPrefixFold(p, "your weekly") || containsFold(p, "inbox")
}

// boilerExact are whole paragraphs (case-insensitive, final punctuation
// ignored) that are page furniture.
var boilerExact = map[string]bool{
	"advertisement": true, "advertisement - scroll to continue": true, "ad": true, "tune in": true,
	"read more": true, "read more here": true, "share": true, "share this article": true, "share this": true,
	"share this story": true, "share on facebook": true, "share on twitter": true, "share on x": true,
	"copy link": true, "link copied": true, "comments": true, "skip advertisement": true,
	"skip to main content": true, "skip to content": true, "continue reading": true,
	"continue reading the main story": true, "story continues below advertisement": true,
	"story continues below": true, "listen to this article": true, "listen": true, "print": true,
	"email": true, "save": true, "follow": true, "subscribe": true, "sign up": true, "ends": true,
	"- ends": true, "-- ends --": true, "- ends -": true, "(ends)": true, "end": true, "related": true,
	"related articles": true, "related stories": true, "related content": true, "more on this story": true,
	"top stories": true, "most read": true, "most popular": true, "trending": true, "recommended": true,
	"you may also like": true, "also read": true, "watch": true, "video": true, "play video": true,
	"getty images": true, "file photo": true, "photo": true, "image": true, "loading": true,
	"please enable javascript": true, "close": true, "menu": true, "search": true, "home": true,
	"facebook": true, "twitter": true, "linkedin": true, "whatsapp": true, "telegram": true,
	"reddit": true, "pinterest": true, "all rights reserved": true, "opens in new window": true,
	"click here": true, "breaking news": true, "live updates": true, "key points": false,
	"follow us": true, "back to top": true, "newsletter": true, "topics": true, "tags": true,
	"more": true, "next": true, "previous": true,
	"enditem": true, "explore more on these topics": true, "more on this topic": true, "sponsored": true,
	"sponsored content": true, "promoted": true, "editor's picks": true, "editor’s picks": true,
	"recommended stories": true, "see all": true, "related topics": true, "more stories": true,
	"most read from bloomberg": true, "statements & releases": true, "statements and releases": true,
	"briefings & statements": true, "press releases": true, "readout": true, "news": true, "world": true,
	"world news": true, "politics": true, "business": true, "economy": true, "markets": true, "opinion": true,
	"analysis": true, "asia": true, "asia pacific": true, "europe": true, "middle east": true, "americas": true,
	"africa": true, "diplomacy": true, "exclusive": true, "breaking": true, "explainer": true, "factbox": true,
	"companies": true, "read next": true, "latest stories": true, "trending now": true, "latest news": true, "top news": true, "news in brief": true, "about the author": true, "suggested topics": true, "sign up here": true, "view comments": true, "show comments": true,
}

var boilerPrefixes = []string{
	"read more:", "read more about", "read also:", "also read:", "also read |", "read:", "related:",
	"see also:", "watch:", "listen:", "click here", "follow us", "follow @", "image source", "image caption",
	"getty images", "this article was originally", "this story was originally", "this article first appeared",
	"this article is republished", "story continues", "skip advertisement", "share this", "share on ",
	"opens in new window", "catch all the", "catch the latest", "download the app",
	"recommended:", "trending:", "more:", "tags:", "why you can trust", "topics:", "filed under",
}

func isBoilerplate(p string) bool {
	if len(p) < 60 {
		key := strings.ToLower(strings.TrimRight(p, ".:!»› "))
		if boilerExact[key] {
			return true
		}
		if isRelativeTime(p) || readingTime(key) {
			return true
		}
	}
	if len(p) < 300 {
		for _, pre := range boilerPrefixes {
			if !boilerFirst.has(p) {
				break
			}
			if hasPrefixFold(p, pre) {
				return true
			}
		}
		// Bracketed teasers: "[ Analysis: … ]", "[Read: …]".
		if p[0] == '[' && p[len(p)-1] == ']' {
			return true
		}
		// A link teaser: "Analysis: Can Turkey broker a deal?Opens in new window".
		if (containsFold(p, "opens in new window") || containsFold(p, "opens new tab")) && !endsSentence(removeInline(p)) {
			return true
		}
		// "Follow Jane Doe on X", "Follow us on Instagram".
		if hasPrefixFold(p, "follow ") && onPlatform(p) {
			return true
		}
		if strings.Contains(p, "@") && !strings.Contains(p, " ") {
			return true // a bare handle or e-mail address
		}
		if (hasPrefixFold(p, "contact:") || hasPrefixFold(p, "email:") || hasPrefixFold(p, "e-mail:")) && strings.Contains(p, "@") {
			return true
		}
	}
	return false
}

// removeInline removes inline link furniture from a paragraph.
func removeInline(p string) string {
	if !containsFold(p, "new tab") && !containsFold(p, "new window") {
		return p
	}
	for _, s := range []string{" (opens new tab)", "(opens new tab)", " Opens in new window", "Opens in new window", ", opens new tab"} {
		if strings.Contains(p, s) {
			p = strings.ReplaceAll(p, s, "")
		}
	}
	return p
}

// captionLabels introduce photo credits.
var captionLabels = []string{
	"Photograph:", "Photographs:", "Photograph by", "Photo:", "Photos:", "Photo by", "Photo credit:",
	"Photo Credit:", "Picture:", "Pictures:", "Image:", "Images:", "Image credit:", "Credit:",
	"Illustration:", "Photographer:", "Pic:", "Photo courtesy", "Photo/",
}

type labelAt struct {
	at    int
	label string
}

// lastCaptionLabels returns the caption labels in tail, the last first. It
// looks only at colons and at "Photo", so that plain paragraphs cost one
// fast scan.
func lastCaptionLabels(tail string) []labelAt {
	var found []labelAt
	for k := range occurrences(tail, ":") {
		for _, l := range captionLabels {
			if l[len(l)-1] == ':' && strings.HasSuffix(tail[:k+1], l) {
				found = append(found, labelAt{k + 1 - len(l), l})
				break
			}
		}
	}
	for k := range occurrences(tail, "Photo") {
		for _, l := range captionLabels {
			if l[len(l)-1] != ':' && strings.HasPrefix(tail[k:], l) {
				found = append(found, labelAt{k, l})
				break
			}
		}
	}
	// The last label first.
	slices.SortStableFunc(found, func(a, b labelAt) int { return cmp.Compare(b.at, a.at) })
	return found
}

// occurrences yields the index of each occurrence of sub in s, left to
// right, each after the end of the one before.
func occurrences(s, sub string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for from := 0; ; {
			k := strings.Index(s[from:], sub)
			if k < 0 || !yield(from+k) {
				return
			}
			from += k + len(sub)
		}
	}
}

// creditAgencies are names of photo agencies and outlets that appear in
// photo credits.
var creditAgencies = []string{
	"Getty Images", "Getty", "Reuters", "REUTERS", "AFP", "AP", "AP Photo", "EPA", "EPA-EFE", "Xinhua",
	"Bloomberg", "Shutterstock", "Alamy", "Pool", "POOL", "File", "FILE", "File Photo", "FILE PHOTO",
	"Handout", "Sputnik", "Kremlin", "Anadolu", "Anadolu Agency", "SOPA Images", "LightRocket", "NurPhoto",
	"ZUMA", "Zuma Press", "TASS", "Kyodo", "Yonhap", "dpa", "Imago", "PA", "PA Images", "PA Wire", "ANI",
	"PTI", "IANS", "Rex", "Rex Features", "WireImage", "Sipa", "Abaca", "CNS", "China News Service",
	"The New York Times", "The Washington Post", "The Guardian", "Bloomberg News", "Associated Press",
	"Reuters Pictures", "via Getty Images", "AFP via Getty Images", "Hindustan Times", "India Today",
}

// captionCredit reports whether p is a photo caption and returns the credit
// text ("Haiyun Jiang/The New York Times", "AP Photo/Mark Schiefelbein").
func captionCredit(p string) (string, bool) {
	tail := p
	if len(tail) > 240 {
		tail = tail[len(tail)-240:]
	}
	trimmed := strings.TrimRight(tail, " .")
	for _, lab := range lastCaptionLabels(tail) {
		idx, l := lab.at, lab.label
		abs := len(p) - len(tail) + idx
		if abs > 0 {
			c := p[abs-1]
			if c != ' ' && c != '(' && c != '[' && c != '.' && c != '|' {
				continue
			}
		}
		credit := strings.TrimSpace(tail[idx+len(l):])
		credit = strings.TrimRight(credit, ").] ")
		if credit == "" || len(credit) > 140 || strings.Contains(credit, ". ") {
			continue
		}
		return credit, true
	}
	if strings.HasSuffix(trimmed, ")") {
		if open := strings.LastIndexByte(trimmed, '('); open >= 0 {
			g := trimmed[open+1 : len(trimmed)-1]
			if strings.HasPrefix(g, "AP Photo") || strings.HasPrefix(g, "Photo") || strings.HasPrefix(g, "Reuters/") ||
				strings.HasPrefix(g, "Xinhua/") || strings.HasPrefix(g, "AFP/") || strings.HasPrefix(g, "EPA/") ||
				strings.Contains(g, "Getty Images") {
				return g, true
			}
			switch g {
			case "Reuters", "REUTERS", "AFP", "Xinhua", "EPA", "Getty Images", "AP", "File", "File photo", "FILE PHOTO":
				if open > 0 {
					return g, true
				}
			}
		}
	}
	// A final credit token such as "REUTERS/Florence Lo", "Name/AFP", "AFP via
	// Getty Images" after the caption's last sentence.
	seg := trimmed
	if k := strings.LastIndex(seg, ". "); k >= 0 {
		seg = seg[k+2:]
	}
	if len(seg) <= 100 && strings.Count(seg, " ") <= 9 {
		if strings.HasSuffix(seg, "Getty Images") || strings.HasSuffix(seg, "Shutterstock") || strings.HasSuffix(seg, "/Pool") {
			return seg, true
		}
		if slash := strings.IndexByte(seg, '/'); slash > 0 && !strings.Contains(seg, "://") {
			parts := strings.Split(seg, "/")
			for _, part := range parts {
				part = strings.TrimSpace(part)
				for _, a := range creditAgencies {
					if part == a || strings.HasSuffix(part, " "+a) && len(parts) > 1 && strings.Count(part, " ") <= 1 {
						return seg, true
					}
				}
			}
		}
	}
	return "", false
}

// cutCaption removes the caption sentences around credit from a long
// paragraph that a caption was glued to.
func cutCaption(p, credit string) string {
	idx := strings.LastIndex(p, credit)
	if idx < 0 {
		return p
	}
	sents := Split(p[:idx])
	if len(sents) == 0 {
		return ""
	}
	cut := sents[len(sents)-1].Start
	// When the last sentence is only the credit label ("Photograph:"), the
	// caption is the sentence before it.
	if last := sents[len(sents)-1].Text; len(last) < 30 && len(sents) > 1 {
		cut = sents[len(sents)-2].Start
	}
	return strings.TrimSpace(p[:cut])
}

// creditNames returns the person names in a photo credit.
func creditNames(credit string) []string {
	var out []string
	for _, part := range splitAny(credit, []string{"/", " via ", " for ", ";", ",", " and ", " & "}) {
		part = strings.TrimSpace(strings.Trim(part, "() "))
		part = strings.TrimPrefix(part, "Photo by ")
		part = strings.TrimPrefix(part, "AP Photo")
		if part == "" || isAgency(part) {
			continue
		}
		if looksLikeName(part) {
			out = append(out, fixCase(part))
		}
	}
	return out
}

func isAgency(s string) bool {
	for _, a := range creditAgencies {
		if strings.EqualFold(s, a) {
			return true
		}
	}
	_, ok := lookupOutlet(s)
	return ok
}

// readingTime matches "4 min read", "5 minute listen", "3 mins".
func readingTime(key string) bool {
	i := 0
	for i < len(key) && key[i] >= '0' && key[i] <= '9' {
		i++
	}
	if i == 0 || i == len(key) {
		return false
	}
	switch strings.TrimSpace(key[i:]) {
	case "min read", "mins read", "minute read", "minutes read", "min listen", "minute listen", "min watch",
		"mins", "min":
		return true
	}
	return false
}

// bareCredit reports whether p is only a photo credit ("Getty Images",
// "Reuters", "EPA"), after which news pages print the caption.
func bareCredit(p string) bool {
	p = strings.TrimRight(p, ". ")
	if len(p) > 40 {
		return false
	}
	for _, a := range creditAgencies {
		if strings.EqualFold(p, a) {
			return true
		}
	}
	return false
}

// relatedHeader reports whether p heads a list of links.
func relatedHeader(p string) bool {
	switch strings.ToLower(strings.TrimRight(p, ".: ")) {
	case "related", "related articles", "related stories", "related content", "related topics", "more on this story",
		"read more", "also read", "more stories", "recommended", "recommended stories", "you may also like",
		"most read", "most popular", "top stories", "more from", "suggested topics", "explore more on these topics",
		"companies", "topics", "tags", "read next", "latest stories", "trending now", "editor's picks":
		return true
	}
	return false
}

// breadcrumb reports whether p is a navigation trail: "Home > World > Asia",
// "News / Politics".
func breadcrumb(p string) bool {
	if len(p) > 100 || endsSentence(p) {
		return false
	}
	for _, sep := range []string{" > ", " › ", " » ", " / ", " | "} {
		if !strings.Contains(p, sep) {
			continue
		}
		parts := strings.Split(p, sep)
		if len(parts) < 2 || sep == " | " && len(parts) < 3 {
			continue
		}
		ok := true
		for _, part := range parts {
			part = strings.TrimSpace(part)
			if part == "" || len(part) > 25 || strings.Count(part, " ") > 2 {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// onPlatform reports whether p names a social platform as a whole word after
// "on": "… on X", "… on Twitter.".
func onPlatform(p string) bool {
	for _, w := range []string{" on x", " on twitter", " on facebook", " on instagram", " on linkedin", " on bluesky",
		" on threads", " on telegram", " on youtube", " on tiktok"} {
		for from := 0; from < len(p); {
			k := indexFold(p[from:], w)
			if k < 0 {
				break
			}
			end := from + k + len(w)
			if end == len(p) || !isASCIILetter(p[end]) {
				return true
			}
			from = end
		}
	}
	return false
}
