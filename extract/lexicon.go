package extract

import "strings"

// The lexicons below are generic English news vocabulary: titles and roles,
// verb classes in the spirit of the CAMEO codebook (consult, pledge, sanction
// and their modal and negated forms), organisation heads and the
// intergovernmental bodies and news agencies that news treats as actors. None
// of them names a person.

// titles maps a lower-case title or role phrase to its canonical role.
// Phrases of up to five words; "of" may occur inside ("secretary of state").
var titles = buildTitles(`
president=President; vice president=Vice President; vice-president=Vice President; president-elect=President-elect;
prime minister=Prime Minister; premier=Premier; deputy prime minister=Deputy Prime Minister;
chancellor=Chancellor; king=King; queen=Queen; crown prince=Crown Prince; prince=Prince; emir=Emir; sheikh=Sheikh;
sultan=Sultan; supreme leader=Supreme Leader; leader=Leader; general secretary=General Secretary;
foreign minister=Foreign Minister; defence minister=Defence Minister; defense minister=Defense Minister;
finance minister=Finance Minister; trade minister=Trade Minister; commerce minister=Commerce Minister;
economy minister=Economy Minister; energy minister=Energy Minister; interior minister=Interior Minister;
oil minister=Oil Minister; agriculture minister=Agriculture Minister; minister=Minister; vice minister=Vice Minister;
deputy foreign minister=Deputy Foreign Minister; foreign secretary=Foreign Secretary; home secretary=Home Secretary;
secretary of state=Secretary of State; secretary=Secretary; treasury secretary=Treasury Secretary;
commerce secretary=Commerce Secretary; defense secretary=Defense Secretary; defence secretary=Defence Secretary;
secretary of defense=Secretary of Defense; secretary of war=Secretary of War; war secretary=War Secretary;
secretary of commerce=Secretary of Commerce; secretary of the treasury=Secretary of the Treasury;
trade representative=Trade Representative; national security adviser=National Security Adviser;
national security advisor=National Security Adviser; foreign policy adviser=Foreign Policy Adviser;
foreign affairs adviser=Foreign Affairs Adviser; foreign policy aide=Foreign Policy Aide; adviser=Adviser; advisor=Adviser;
aide=Aide; senior adviser=Senior Adviser; chief of staff=Chief of Staff; press secretary=Press Secretary;
spokesman=Spokesman; spokeswoman=Spokeswoman; spokesperson=Spokesperson; foreign ministry spokesman=Foreign Ministry Spokesman;
foreign ministry spokeswoman=Foreign Ministry Spokeswoman; foreign ministry spokesperson=Foreign Ministry Spokesperson;
envoy=Envoy; special envoy=Special Envoy; ambassador=Ambassador; top diplomat=Top Diplomat; diplomat=Diplomat;
negotiator=Negotiator; chief negotiator=Chief Negotiator; trade negotiator=Trade Negotiator;
senator=Senator; sen.=Senator; sen=Senator; representative=Representative; rep.=Representative; congressman=Congressman;
congresswoman=Congresswoman; governor=Governor; gov.=Governor; mayor=Mayor; speaker=Speaker; lawmaker=Lawmaker;
general=General; gen.=General; gen=General; admiral=Admiral; colonel=Colonel; commander=Commander; field marshal=Field Marshal;
chairman=Chairman; chairwoman=Chairwoman; chair=Chair; chief executive=Chief Executive; ceo=CEO; chief executive officer=CEO;
director=Director; director general=Director General; director-general=Director General; secretary-general=Secretary-General;
secretary general=Secretary-General; high representative=High Representative; commissioner=Commissioner;
trade commissioner=Trade Commissioner; central bank governor=Central Bank Governor; head=Head; chief=Chief;
founder=Founder; pope=Pope; ayatollah=Ayatollah; crown princess=Crown Princess; first lady=First Lady;
counterpart=Counterpart; opposite number=Counterpart; secretary-general=Secretary-General; director-general=Director General;
vice-premier=Vice Premier; vice premier=Vice Premier; state councillor=State Councillor; foreign affairs minister=Foreign Minister;
minister of foreign affairs=Foreign Minister; minister for foreign affairs=Foreign Minister; economy minister=Economy Minister;
presidential spokesman=Spokesman; presidential spokesperson=Spokesperson; presidential envoy=Envoy;
pm=Prime Minister; p.m.=Prime Minister; fm=Foreign Minister; chancellor of the exchequer=Chancellor of the Exchequer;
managing director=Managing Director; executive director=Executive Director; chief economist=Chief Economist;
under secretary=Under Secretary; undersecretary=Under Secretary; permanent representative=Permanent Representative;
high commissioner=High Commissioner; grand ayatollah=Grand Ayatollah; mp=MP; mep=MEP; administrator=Administrator;
`)

// nameHonorifics are honorifics that Muslim names carry ("Seyyed Ali
// Khamenei", "Sayyid Ali"): dropped from the canonical name, kept in an
// alias with it.
var nameHonorifics = setOf("seyyed", "seyed", "sayyid", "sayyed", "sayed")

// partyLabels stand before a politician's name without being part of it
// ("Conservative Graham Brady", "Texas Democrat Jim Wright").
var partyLabels = setOf("conservative", "tory", "labour", "democrat", "republican", "liberal", "socialist",
	"communist", "nationalist", "green")

// honorifics precede names without giving a role.
var honorifics = setOf("mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "madam",
	"seyyed", "seyed", "sayyid", "sayyed", "sayed")

// leaderRoles are the roles that "the leader" and "the Chinese leader" refer to.
var leaderRoles = setOf("President", "Prime Minister", "Premier", "Chancellor", "King", "Queen", "Supreme Leader",
	"Leader", "General Secretary", "Emir", "Sultan", "Crown Prince")

// titleSkip are adjectives allowed before a title ("top", "senior").
var titleSkip = setOf("top", "senior", "then", "former", "acting", "interim", "incoming", "outgoing", "new", "chief",
	"first", "second", "third", "veteran", "powerful", "longtime", "long-time", "current")

// titlePrefixes make a rank of the title after them ("Vice Foreign
// Minister", "Deputy Trade Representative").
var titlePrefixes = setOf("vice", "deputy", "assistant", "under", "acting", "associate")

// speechVerbs introduce attributed content; their subject is the claimant.
var speechVerbs = setOf("said", "says", "say", "told", "tells", "tell", "wrote", "writes", "stated", "states",
	"added", "adds", "noted", "notes", "announced", "announces", "confirmed", "confirms", "claimed", "claims",
	"insisted", "insists", "reported", "reports", "stressed", "stresses", "declared", "declares", "tweeted",
	"posted", "argued", "argues", "explained", "explains", "emphasised", "emphasized", "emphasises", "emphasizes",
	"warned", "warns", "revealed", "disclosed", "acknowledged", "acknowledges", "announcing", "saying", "telling",
	"quoted", "cited", "underlined", "underscored", "reiterated", "recalled", "observed", "remarked", "indicated",
	"pointed", "assured", "highlighted", "affirmed", "conveyed", "briefed", "replied", "responded", "answered")

// actionVerbs license a capitalised span as a person when it is their subject.
var actionVerbs = setOf("met", "meets", "spoke", "speaks", "held", "holds", "visited", "visits", "signed", "signs",
	"agreed", "agrees", "pledged", "pledges", "vowed", "promised", "urged", "urges", "called", "calls", "phoned",
	"hosted", "hosts", "welcomed", "accused", "criticised", "criticized", "praised", "rejected", "denied",
	"ordered", "imposed", "threatened", "expressed", "described", "thanked", "congratulated", "asked", "invited",
	"talked", "discussed", "traveled", "travelled", "arrived", "launched", "accepted", "has", "had", "will",
	"would", "was", "is")

// nameStop are capitalised words that never start or belong to a person name.
var nameStop = setOf("the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "for", "to", "from", "by", "with",
	"after", "before", "during", "while", "since", "as", "earlier", "later", "meanwhile", "however", "although",
	"though", "yet", "yes", "no", "it", "he", "she", "they", "we", "i", "you", "this", "that", "these", "those",
	"his", "her", "their", "its", "our", "my", "your", "there", "here", "according", "separately", "also", "then",
	"when", "where", "why", "how", "what", "who", "which", "if", "unless", "because", "both", "all", "many", "some",
	"most", "several", "other", "last", "next", "first", "second", "third", "new", "old", "analysis", "opinion",
	"comment", "update", "updated", "breaking", "live", "watch", "read", "more", "photograph", "photo", "image",
	"video", "reuters", "getty", "images", "afp", "ap", "file", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec", "today", "yesterday", "tomorrow", "state", "states", "government", "administration",
	"ministry", "department", "office", "house", "senate", "congress", "parliament", "council", "court", "party",
	"army", "navy", "police", "media", "news", "press", "agency", "times", "post", "journal", "daily", "war",
	"world", "global", "national", "international", "federal", "central", "republic", "union", "kingdom", "north",
	"south", "east", "west", "northern", "southern", "eastern", "western", "summit", "forum", "treaty", "agreement",
	"deal", "truce", "talks", "call", "calls", "statement", "readout", "sources", "officials", "leaders", "leader",
	"relations", "ends", "published", "tune", "subscribe", "sign", "unlock", "your", "click", "follow", "share",
	"island", "islands", "city", "province", "region", "sea", "ocean", "river", "street", "avenue", "square",
	"airport", "university", "school", "hospital", "company", "group", "bank", "fund", "inc", "corp", "ltd",
	"calling", "describing", "speaking", "asked", "asking", "during", "despite", "amid", "under", "over", "about",
	"even", "only", "just", "still", "now", "not", "so", "such", "instead", "indeed", "thus", "therefore", "hence",
	"moreover", "furthermore", "besides", "overall", "finally", "lastly", "firstly", "secondly", "together",
	"each", "every", "any", "none", "one", "two", "three", "four", "five", "ten", "dozens", "hundreds", "thousands",
	"millions", "mr", "mrs", "ms", "dr", "sir", "gen", "sen", "rep", "gov", "prof", "lord", "lady", "dame",
	"platform", "social", "truth", "economic", "cooperation", "summit", "programme", "program", "plan", "initiative",
	"act", "bill", "law", "policy", "strategy", "pacific", "atlantic", "asia", "europe", "africa", "america",
	"americas", "arctic", "antarctica", "middle", "far", "gulf", "strait", "peninsula")

// nameParticles may occur in lower case inside a name ("bin", "van", "al").
var nameParticles = setOf("bin", "ibn", "al", "el", "van", "von", "de", "der", "den", "da", "di", "du", "la", "le",
	"del", "dos", "das", "do", "ben", "abu", "ter", "zu", "y")

// personPronouns resolve to the most recent person subject.
var personPronouns = setOf("he", "she", "him", "his", "her")

// groupRefs refer to the two parties most recently seen together.
var groupRefs = buildPhrases(`the two leaders; both leaders; the leaders; the pair; the two presidents; both presidents;
the two men; both men; the two sides; both sides; the two; both; they; the two heads of state; the two countries;
both countries; the two nations; both nations; the two governments; both governments; the presidents;
the ministers; the two ministers; both ministers; the foreign ministers; the two foreign ministers;
the two prime ministers; the prime ministers; the two premiers; the two heads of government; the two delegations;
both delegations; the two parties; both parties; the sides; the men; the two officials; the two envoys;
the two firms; both firms; the two companies; both companies`)

// contactNouns are nouns of consultation (CAMEO 04x).
var contactNouns = setOf("call", "calls", "conversation", "conversations", "talks", "meeting", "meetings", "summit",
	"phone", "phonecall", "videoconference", "video-conference", "teleconference", "discussion", "discussions",
	"consultations", "dialogue", "meet", "telephone", "chat", "exchange", "negotiations")

// contactVerbs are verbs of consultation, by lower-case form.
var contactVerbs = setOf("spoke", "speak", "speaks", "speaking", "spoken", "talked", "talk", "talking", "met", "meet",
	"meets", "meeting", "phoned", "phone", "phones", "telephoned", "conferred", "consulted", "negotiated",
	"exchanged", "hosted", "hosts", "host", "received", "receives", "visited", "visits", "discussed", "discuss",
	"welcomed", "welcomes", "greeted", "greets", "shook")

// lightVerbs take a contact noun as object ("held a call").
var lightVerbs = setOf("held", "hold", "holds", "holding", "had", "have", "has", "having", "conducted", "conduct",
	"opened", "resumed",
	"completed", "complete", "began", "started", "wrapped", "concluded", "convened", "did", "took", "join", "joined")

// topicCues introduce what a call covered.
var topicCues = setOf("discussed", "discuss", "discussing", "covered", "cover", "covering", "about", "including",
	"included", "includes", "topics", "topic", "on", "over", "regarding", "concerning", "touched", "addressed",
	"exchanged")

// topicWords are subjects worth recording as call topics besides entities.
var topicWords = buildPhrases(`trade; energy; security; military; military matters; nuclear; nuclear weapons; arms control;
technology; tech; climate; economy; economic cooperation; investment; tariffs; sanctions; agriculture;
agricultural products; oil; gas; soybeans; fentanyl; drugs; migration; immigration; defence; defense; arms sales;
human rights; terrorism; cybersecurity; supply chains; rare earths; critical minerals; semiconductors; chips;
ceasefire; peace; the war; humanitarian aid; aid; refugees; food security; health; pandemic; space; shipping;
maritime security; border; borders; visas; students; finance; currency; debt; infrastructure; elections`)

// pledgeVerbs are verbs of commitment (CAMEO 03x, 05x); the value is the lemma.
var pledgeVerbs = map[string]string{
	"agreed": "agree", "agree": "agree", "agrees": "agree", "pledged": "pledge", "pledge": "pledge",
	"pledges": "pledge", "committed": "commit", "commit": "commit", "commits": "commit", "vowed": "vow",
	"vow": "vow", "vows": "vow", "promised": "promise", "promise": "promise", "promises": "promise",
	"undertook": "undertake", "undertake": "undertake", "guaranteed": "guarantee", "resolved": "resolve",
	"consented": "consent", "agreeing": "agree", "pledging": "pledge", "committing": "commit", "promising": "promise",
	"vowing": "vow",
}

// agreementVerbs take an agreement noun as object ("signed a treaty").
var agreementVerbs = setOf("signed", "sign", "signs", "reached", "reach", "reaches", "struck", "strike", "strikes",
	"sealed", "seal", "clinched", "clinch", "concluded", "conclude", "inked", "ink", "finalised", "finalized",
	"announced", "unveiled", "forged", "brokered", "upgraded", "agreed", "ratified", "renewed", "extended",
	"entered", "joined")

// agreementHeads are nouns that name agreements; the value is the kind.
var agreementHeads = map[string]string{
	"truce": "truce", "ceasefire": "ceasefire", "cease-fire": "ceasefire", "deal": "deal", "deals": "deal",
	"agreement": "agreement", "agreements": "agreement", "treaty": "treaty", "accord": "accord", "accords": "accord",
	"pact": "pact", "partnership": "partnership", "memorandum": "memorandum", "memorandums": "memorandum", "memoranda": "memorandum", "mou": "memorandum", "mous": "memorandum",
	"protocols": "protocol", "treaties": "treaty", "pacts": "pact", "truces": "truce", "declarations": "declaration",
	"armistice": "armistice", "framework": "framework", "protocol": "protocol", "charter": "charter",
	"alliance": "alliance", "compact": "compact", "declaration": "declaration",
}

// agreementDrop are modifiers dropped from an agreement's canonical name.
var agreementDrop = setOf("a", "an", "the", "their", "its", "his", "her", "our", "this", "that", "fragile", "new",
	"historic", "landmark", "major", "sweeping", "tentative", "preliminary", "initial", "long-awaited", "broad",
	"first", "formal", "so-called", "proposed", "possible", "potential", "big", "huge", "massive", "limited",
	"temporary", "short-lived", "hard-won", "fresh", "further", "wider", "broader", "renewed", "previous",
	"last", "earlier", "existing", "current", "interim", "bilateral", "immediate", "lasting", "durable", "signed",
	"joint", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "several",
	"multiple", "dozens", "dozen", "some", "various", "number")

// sanctionHeads are the nouns of punitive measures; the value is the measure.
var sanctionHeads = map[string]string{
	"tariff": "tariff", "tariffs": "tariff", "duty": "tariff", "duties": "tariff", "levy": "tax", "levies": "tax",
	"tax": "tax", "taxes": "tax", "sanction": "sanctions", "sanctions": "sanctions", "embargo": "embargo",
	"embargoes": "embargo", "blacklist": "blacklist", "ban": "ban", "bans": "ban", "controls": "export controls",
	"restrictions": "restrictions", "curbs": "restrictions", "penalties": "sanctions", "freeze": "asset freeze",
	"surtax": "tax", "surtaxes": "tax", "surcharge": "tax", "surcharges": "tax", "quota": "quota", "quotas": "quota",
}

// sanctionVerbs impose a measure named as their object.
var sanctionVerbs = setOf("imposed", "impose", "imposes", "imposing", "slapped", "slap", "slaps", "levied", "levy",
	"levies", "placed", "place", "places", "placing", "put", "puts", "announced", "announce", "announces",
	"introduced", "introduce", "introduces", "unveiled", "applied", "apply", "enacted", "hit", "hits", "hitting",
	"targeted", "target", "targets", "retaliated", "retaliate", "retaliates", "raised", "raise", "raises",
	"expanded", "expand", "tightened", "tighten", "extended", "added", "add", "adds", "adding", "issued",
	"approved", "set", "ordered", "declared", "reimposed", "reimpose", "re-imposed", "doubled", "tripled",
	"increased", "hiked", "jacked", "adopted", "adopt", "adopts", "enforced", "enforce", "widened", "agreed",
	"approves", "passed", "responded", "countered", "banned", "bans", "ban", "barred", "prohibited", "halted",
	"halts", "suspended", "suspends", "blocked", "blocks", "stopped")

// banVerbs forbid or stop a trade flow: "banned exports of wheat to
// Bangladesh", "halted imports of Lithuanian beef". With any other object
// they are no measure ("suspended the tariffs" eases one).
var banVerbs = setOf("banned", "bans", "ban", "barred", "prohibited", "halted", "halts", "suspended", "suspends",
	"blocked", "blocks", "stopped")

// measureKinds qualify a measure's head: "export duty", "anti-dumping
// duties", "import quota"; the value is the qualifier kept in the measure.
var measureKinds = map[string]string{
	"export": "export", "import": "import", "anti-dumping": "anti-dumping", "antidumping": "anti-dumping",
	"countervailing": "countervailing", "safeguard": "safeguard", "retaliatory": "retaliatory",
}

// directSanctionVerbs take the target as their object ("sanctioned Iran").
var directSanctionVerbs = setOf("sanctioned", "sanction", "sanctions", "sanctioning", "blacklisted", "blacklist",
	"blacklists", "embargoed", "penalised", "penalized", "designated", "designates")

// easeVerbs undo or defer a measure (CAMEO 085 and kin): not sanctions.
var easeVerbs = setOf("lifted", "lift", "lifts", "lifting", "eased", "ease", "eases", "easing", "removed", "remove",
	"removes", "suspended", "suspend", "suspends", "postponed", "postpone", "postpones", "postponing", "delayed",
	"delay", "delays", "delaying", "reduced", "reduce", "reduces", "reducing", "cut", "cuts", "cutting",
	"scrapped", "scrap", "waived", "waive", "paused", "pause", "relaxed", "relax", "rolled", "roll", "dropped",
	"drop", "withdrew", "withdraw", "halved", "halve", "halves", "halving", "lowered", "lower", "exempted", "exempt", "scale", "scaled",
	"revoked", "revoke", "rescinded", "rescind", "ended", "end", "ending", "avoid", "avoided", "avoiding",
	"opposed", "oppose", "criticised", "criticized", "condemned", "slammed", "escaped", "evade", "evaded")

// threatWords mark a threat, proposal, consideration or other non-fact
// before a trigger (CAMEO 13x, 036, 1312).
var threatWords = setOf("threatened", "threaten", "threatens", "threatening", "threat", "threats", "warned",
	"proposed", "propose", "proposes", "proposal", "suggested", "suggest", "suggests", "considering", "consider",
	"considers", "considered", "mulling", "mull", "weighing", "weigh", "weighs", "contemplating", "contemplate",
	"could", "may", "might", "should", "can", "planned", "planning", "plans", "plan", "intends", "intend",
	"intended", "seeks", "seek", "sought", "seeking", "wants", "want", "wanted", "hopes", "hope", "hoped", "hoping",
	"expected", "expects", "expect", "likely", "unlikely", "possible", "possibly", "potential", "potentially",
	"upcoming", "future", "prospect", "prospects", "possibility", "ready", "prepared", "willing", "aims", "aim",
	"aimed", "urged", "urge", "urges", "urging", "asked", "ask", "asks", "called", "demanded", "demand", "demands",
	"pressing", "pressed", "press", "pushing", "pushed", "push", "invited", "invitation", "offered", "offer",
	"if", "unless", "whether", "would-be", "reportedly", "rumoured", "rumored", "speculation", "mooted", "floated",
	"vowed", "vow", "vows", "promised", "pledged", "set", "due", "scheduled", "slated", "poised", "aiming",
	"preparing", "prepare", "prepares", "mulled", "eyeing", "eyes", "eyed", "explore", "exploring", "discussing",
	"appeared", "appears", "appear", "seemed", "seems", "seem", "trying", "try", "tries", "attempting", "attempt",
	"attempts", "vetoed", "veto", "vetoes", "rejected", "rejects", "reject", "opposed", "opposes", "oppose",
	"refused", "refuses", "refuse", "declined", "failed", "fails", "fail", "resisted", "resist", "hopeful",
	"optimistic", "confident", "verge", "brink")

// negators negate the clause they stand in.
var negators = setOf("not", "never", "no", "n't", "didn't", "doesn't", "don't", "hasn't", "haven't", "hadn't",
	"won't", "wouldn't", "isn't", "wasn't", "aren't", "weren't", "cannot", "can't", "neither", "nor", "without",
	"denied", "denies", "deny", "refused", "refuses", "refuse", "declined", "declines", "decline", "rejected",
	"rejects", "reject", "dismissed", "dismisses", "failed", "fails", "fail")

// clauseBreak words end the clause that a subject search walks back through.
var clauseBreak = setOf("that", "which", "who", "whom", "whose", "after", "before", "while", "when", "whereas",
	"because", "although", "though", "since", "until", "as", "but", "amid", "despite", "where", "following",
	"during", "once", "if", "unless", "so")

// commitVerbs are verb lemmas a commitment's action can take, by surface form.
// Gerunds and inflections map to the lemma.
var commitVerbs = buildForms(`buy; purchase; import; export; increase; raise; boost; expand; reduce; cut; lower; lift;
ease; remove; delay; postpone; suspend; pause; halt; stop; end; extend; provide; supply; deliver; send; give; grant;
invest; fund; finance; build; open; release; resume; restore; allow; stem; curb; crack; combat; fight; tackle; prevent;
strengthen; deepen; enhance; improve; boost; promote; support; help; work; cooperate; continue; maintain; keep;
respect; uphold; abide; honour; honor; implement; withdraw; return; scale; phase; roll; resolve; settle; establish;
create; set; launch; hold; host; sign; ratify; join; refrain; avoid; protect; defend; secure; ensure; guarantee;
share; exchange; cap; limit; freeze; dismantle; destroy; accept; approve; step; double; triple; halve; restrict;
ban; sell; lend; train; donate; rebuild; reopen; normalise; normalize; reconcile; recognise; recognize; expedite;
facilitate; accelerate; speed; negotiate; pursue; explore; seek; develop; deploy; complete; finish; construct;
revive; restart; conclude; sign; finalise; finalize; train; transfer; employ; hire; reform; raise; double; commit;
contribute; allocate; start; begin; modernise; modernize; upgrade; connect; link; integrate; harmonise;
harmonize; coordinate; co-operate`)

// commitNominals are nouns that make a light verb's action ("increase its
// purchase of X" → action "increase purchase", object X).
var commitNominals = setOf("purchase", "purchases", "purchasing", "imports", "import", "exports", "export",
	"investment", "investments", "supply", "supplies", "production", "output", "flow", "flows", "sales", "sale",
	"cooperation", "co-operation", "ties", "relations", "spending", "shipments", "deliveries", "use", "presence",
	"number", "volume", "share")

// objectStop ends a commitment object.
var objectStop = setOf("later", "earlier", "soon", "shortly", "eventually", "immediately", "for", "used", "including", "included", "aimed", "designed", "meant", "intended", "worth", "valued", "from", "to", "up", "by", "until", "after", "before", "while", "which", "that", "who",
	"because", "as", "so", "amid", "despite", "if", "unless", "when", "in", "over", "within", "during", "per",
	"each", "every", "this", "next", "starting", "beginning", "through", "throughout", "but", "although", "said",
	"according")

// units are the units of quantities, with their canonical form.
var units = map[string]string{
	"tonnes": "tonnes", "tonne": "tonnes", "tons": "tons", "ton": "tons", "metric": "", "barrels": "barrels",
	"barrel": "barrels", "bushels": "bushels", "bushel": "bushels", "dollars": "dollars", "euros": "euros",
	"yuan": "yuan", "units": "units", "aircraft": "aircraft", "planes": "aircraft", "jets": "aircraft",
	"vehicles": "vehicles", "cars": "vehicles", "troops": "troops", "soldiers": "troops", "doses": "doses",
	"megawatts": "megawatts", "gigawatts": "gigawatts", "cubic": "", "metres": "metres", "meters": "metres",
	"kilograms": "kilograms", "kg": "kilograms", "pounds": "pounds", "percent": "%", "per": "", "%": "%",
}

// magnitudes are the number words that scale a quantity.
var magnitudes = map[string]string{
	"thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion", "m": "million",
	"mn": "million", "bn": "billion", "b": "billion", "tn": "trillion", "k": "thousand",
}

// periodHeads are the nouns a commitment period is made of.
var periodHeads = setOf("season", "seasons", "year", "years", "month", "months", "week", "weeks", "decade",
	"decades", "quarter", "quarters", "day", "days", "term", "annually", "yearly", "monthly", "period")

// medium words by lower-case form.
var mediumWords = map[string]string{
	"phone": "phone", "telephone": "phone", "telephonic": "phone", "phoned": "phone", "telephoned": "phone",
	"phonecall": "phone", "call": "phone", "calls": "phone", "video": "video", "videoconference": "video",
	"video-conference": "video", "virtual": "video", "virtually": "video", "online": "video", "teleconference": "video",
	"met": "in person", "meet": "in person", "meeting": "in person", "meetings": "in person", "summit": "in person",
	"visit": "in person", "visited": "in person", "hosted": "in person", "in-person": "in person",
	"face-to-face": "in person", "sidelines": "in person", "talks": "in person", "received": "in person",
}

// dateWords start a date expression.
var weekdays = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

var months = setOf("january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// buildTitles parses "phrase=Role; …".
func buildTitles(spec string) map[string]string {
	m := make(map[string]string)
	for _, item := range strings.Split(spec, ";") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		k, v, _ := strings.Cut(item, "=")
		m[strings.Join(strings.Fields(k), " ")] = strings.TrimSpace(v)
	}
	return m
}

// buildPhrases parses "a; b c; …" into a set of normalised phrases.
func buildPhrases(spec string) map[string]bool {
	m := make(map[string]bool)
	for _, item := range strings.Split(spec, ";") {
		if f := strings.Fields(item); len(f) > 0 {
			m[strings.Join(f, " ")] = true
		}
	}
	return m
}

// buildForms maps each verb lemma and its regular inflections to the lemma.
func buildForms(spec string) map[string]string {
	m := make(map[string]string)
	for _, item := range strings.Split(spec, ";") {
		v := strings.TrimSpace(item)
		if v == "" {
			continue
		}
		for _, f := range inflections(v) {
			if _, ok := m[f]; !ok {
				m[f] = v
			}
		}
	}
	// irregular forms
	for f, v := range map[string]string{"bought": "buy", "buying": "buy", "sold": "sell", "gave": "give",
		"given": "give", "sent": "send", "built": "build", "held": "hold", "kept": "keep", "lent": "lend",
		"set": "set", "cut": "cut", "stopped": "stop", "stopping": "stop", "cutting": "cut", "setting": "set",
		"stemming": "stem", "stemmed": "stem", "capping": "cap", "capped": "cap", "shipping": "ship",
		"fought": "fight", "withdrew": "withdraw", "stepping": "step", "stepped": "step", "scrapping": "scrap"} {
		m[f] = v
	}
	return m
}

func inflections(v string) []string {
	out := []string{v}
	switch {
	case strings.HasSuffix(v, "e"):
		out = append(out, v+"s", v+"d", v[:len(v)-1]+"ing")
	case strings.HasSuffix(v, "y") && len(v) > 2 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		out = append(out, v[:len(v)-1]+"ies", v[:len(v)-1]+"ied", v+"ing")
	case strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x"):
		out = append(out, v+"es", v+"ed", v+"ing")
	default:
		out = append(out, v+"s", v+"ed", v+"ing")
	}
	return out
}

// Lexical classes of a lower-case word, computed once per token so that the
// rules test bits instead of looking words up in many maps.
const (
	clsContact     uint32 = 1 << iota // a consultation verb or noun, "called", "told"
	clsPledge                         // a pledge verb
	clsAgreementV                     // a verb taking an agreement
	clsSanction                       // a sanction verb (either kind)
	clsNameStop                       // never part of a name
	clsTitle1                         // a one-word title or honorific
	clsPronoun                        // he, she, his, her, him
	clsGroupStart                     // may start a group reference
	clsRuleWord                       // a word a rule triggers on (relationRule.words)
	clsTopicCue                       // may introduce topics
	clsTitlePlural                    // a plural title: presidents, ministers, leaders
)

// lexClasses maps a lower-case word to its classes.
var lexClasses = buildClasses()

func buildClasses() map[string]uint32 {
	m := make(map[string]uint32)
	set := func(words map[string]bool, c uint32) {
		for w := range words {
			m[w] |= c
		}
	}
	set(contactVerbs, clsContact)
	set(contactNouns, clsContact)
	m["called"] |= clsContact
	m["told"] |= clsContact
	for w := range pledgeVerbs {
		m[w] |= clsPledge
	}
	set(agreementVerbs, clsAgreementV)
	set(sanctionVerbs, clsSanction)
	set(directSanctionVerbs, clsSanction)
	for w := range sanctionHeads {
		m[w] |= clsSanction // the nominal measures of the tree rules
	}
	set(nameStop, clsNameStop)
	set(honorifics, clsTitle1)
	for t := range titles {
		if !strings.Contains(t, " ") {
			m[t] |= clsTitle1
		}
	}
	set(personPronouns, clsPronoun)
	for g := range groupRefs {
		first, _, _ := strings.Cut(g, " ")
		m[first] |= clsGroupStart
	}
	for _, r := range relationRules {
		for _, w := range r.words {
			m[w] |= clsRuleWord
		}
	}
	set(topicCues, clsTopicCue)
	for t := range titles {
		if strings.Contains(t, " ") || strings.HasSuffix(t, ".") || len(t) < 4 {
			continue
		}
		switch {
		case strings.HasSuffix(t, "y") && !strings.HasSuffix(t, "ey"):
			m[t[:len(t)-1]+"ies"] |= clsTitlePlural
		case strings.HasSuffix(t, "man"):
			m[t[:len(t)-3]+"men"] |= clsTitlePlural
		case strings.HasSuffix(t, "s"):
		default:
			m[t+"s"] |= clsTitlePlural
		}
	}
	for _, w := range []string{"officials", "delegations", "representatives", "negotiators", "envoys", "heads"} {
		m[w] |= clsTitlePlural
	}
	return m
}
