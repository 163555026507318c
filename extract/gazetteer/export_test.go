package gazetteer

// Hooks for the external tests.
var (
	CountriesTSV = countriesTSV
	OrgsTSV      = orgsTSV
)
