package document

import "strings"

// outlets maps the lower-cased forms under which news outlets and agencies
// sign, credit or date their copy to their usual names.
var outlets = map[string]string{
	"reuters": "Reuters", "thomson reuters": "Reuters", "reuters.com": "Reuters",
	"ap": "Associated Press", "the associated press": "Associated Press", "associated press": "Associated Press", "apnews.com": "Associated Press",
	"afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
	"xinhua": "Xinhua", "xinhua news agency": "Xinhua", "xinhuanet": "Xinhua", "xinhuanet.com": "Xinhua", "news.cn": "Xinhua",
	"bloomberg": "Bloomberg", "bloomberg news": "Bloomberg", "bloomberg.com": "Bloomberg",
	"upi": "UPI", "united press international": "UPI", "dpa": "dpa", "tass": "TASS", "itar-tass": "TASS",
	"ria novosti": "RIA Novosti", "ria": "RIA Novosti", "interfax": "Interfax", "sputnik": "Sputnik",
	"kyodo": "Kyodo News", "kyodo news": "Kyodo News", "yonhap": "Yonhap", "yonhap news agency": "Yonhap",
	"ani": "ANI", "pti": "PTI", "press trust of india": "PTI", "ians": "IANS", "anadolu": "Anadolu Agency",
	"anadolu agency": "Anadolu Agency", "aa": "Anadolu Agency", "efe": "EFE", "ansa": "ANSA", "irna": "IRNA",
	"tasnim": "Tasnim", "press tv": "Press TV", "wafa": "WAFA", "sana": "SANA", "bernama": "Bernama",
	"antara": "Antara", "kcna": "KCNA", "spa": "Saudi Press Agency", "wam": "WAM", "mena": "MENA",
	"the guardian": "The Guardian", "guardian": "The Guardian", "theguardian.com": "The Guardian",
	"financial times": "Financial Times", "the financial times": "Financial Times", "ft": "Financial Times", "ft.com": "Financial Times",
	"the new york times": "The New York Times", "new york times": "The New York Times", "nytimes.com": "The New York Times",
	"the washington post": "The Washington Post", "washington post": "The Washington Post",
	"the wall street journal": "The Wall Street Journal", "wall street journal": "The Wall Street Journal", "wsj": "The Wall Street Journal",
	"bbc": "BBC", "bbc news": "BBC", "bbc.com": "BBC", "bbc.co.uk": "BBC", "cnn": "CNN", "cnn.com": "CNN",
	"al jazeera": "Al Jazeera", "aljazeera": "Al Jazeera", "aljazeera.com": "Al Jazeera",
	"india today": "India Today", "indiatoday.in": "India Today", "the times of india": "The Times of India",
	"times of india": "The Times of India", "hindustan times": "Hindustan Times", "the hindu": "The Hindu", "ndtv": "NDTV",
	"south china morning post": "South China Morning Post", "scmp": "South China Morning Post",
	"china daily": "China Daily", "chinadaily.com.cn": "China Daily", "global times": "Global Times",
	"cgtn": "CGTN", "people's daily": "People's Daily", "people's daily online": "People's Daily",
	"caixin": "Caixin", "nikkei": "Nikkei Asia", "nikkei asia": "Nikkei Asia", "nhk": "NHK",
	"the japan times": "The Japan Times", "the korea herald": "The Korea Herald", "the straits times": "The Straits Times",
	"politico": "Politico", "axios": "Axios", "the hill": "The Hill", "fox news": "Fox News", "nbc news": "NBC News",
	"cbs news": "CBS News", "abc news": "ABC News", "npr": "NPR", "cnbc": "CNBC", "deutsche welle": "DW", "dw": "DW",
	"france 24": "France 24", "euronews": "Euronews", "the economist": "The Economist", "the telegraph": "The Telegraph",
	"the independent": "The Independent", "sky news": "Sky News", "le monde": "Le Monde", "der spiegel": "Der Spiegel",
	"dawn": "Dawn", "arab news": "Arab News", "haaretz": "Haaretz", "the times of israel": "The Times of Israel",
	"kyiv independent": "The Kyiv Independent", "the kyiv independent": "The Kyiv Independent", "ukrinform": "Ukrinform",
	"meduza": "Meduza", "voice of america": "Voice of America", "voa": "Voice of America", "radio free europe": "RFE/RL",
	"rfe/rl": "RFE/RL", "s&p global": "S&P Global", "platts": "S&P Global Platts", "argus": "Argus Media",
	"argus media": "Argus Media", "lloyd's list": "Lloyd's List", "agri-pulse": "Agri-Pulse", "dtn": "DTN",
	"successful farming": "Successful Farming", "world grain": "World Grain", "feedstuffs": "Feedstuffs",
	"farm progress": "Farm Progress", "freightwaves": "FreightWaves", "supply chain dive": "Supply Chain Dive",
	"defense news": "Defense News", "breaking defense": "Breaking Defense", "janes": "Janes", "rigzone": "Rigzone",
	"oilprice.com": "Oilprice.com", "mining.com": "Mining.com", "energy intelligence": "Energy Intelligence",
	"reuters staff": "Reuters", "ap staff": "Associated Press", "xinhua net": "Xinhua", "the paper": "The Paper",
	"yicai": "Yicai", "sixth tone": "Sixth Tone", "radio free asia": "Radio Free Asia", "rfa": "Radio Free Asia",
}

// lookupOutlet returns the usual name of an outlet written as s
// (case-insensitive, "The", "www." and a trailing "News" or ".com" tolerated).
func lookupOutlet(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 50 {
		return "", false
	}
	low := strings.ToLower(s)
	low = strings.TrimPrefix(low, "www.")
	if o, ok := outlets[low]; ok {
		return o, true
	}
	if o, ok := outlets[strings.TrimPrefix(low, "the ")]; ok {
		return o, true
	}
	return "", false
}
