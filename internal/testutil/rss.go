package testutil

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// PeakRSSMiB returns the process's peak resident set size (VmHWM) in MiB
// on Linux, or 0 where /proc does not tell.
func PeakRSSMiB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err == nil {
				return kb / 1024
			}
		}
	}
	return 0
}

// ReportPeakRSS reports the process's peak RSS as the benchmark metric
// "peak-RSS-MiB", where it is known.
func ReportPeakRSS(b *testing.B) {
	if mib := PeakRSSMiB(); mib > 0 {
		b.ReportMetric(mib, "peak-RSS-MiB")
	}
}
