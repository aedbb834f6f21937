package result

import (
	"encoding/json"
	"testing"
)

func TestSeverityJSON(t *testing.T) {
	for _, s := range []Severity{Info, Warning, Error} {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("%s: round trip gave %v, %v", b, back, err)
		}
	}
	var s Severity
	if err := json.Unmarshal([]byte(`"fatal"`), &s); err == nil {
		t.Error(`"fatal" parsed as a severity`)
	}
	if v, err := ParseSeverity(" Warn "); err != nil || v != Warning {
		t.Errorf("ParseSeverity(warn) = %v, %v", v, err)
	}
}

func TestSummarize(t *testing.T) {
	rs := []Result{
		{Findings: []Finding{{Severity: Error}, {Severity: Warning}, {Severity: Warning}, {Severity: Info}}},
		{Error: "bad zip"},
		{Findings: []Finding{{Severity: Error}}},
	}
	got := Summarize(rs)
	want := Summary{Inputs: 3, Errors: 2, Warnings: 2, Infos: 1, Failed: 1}
	if got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
}

func TestSortFindings(t *testing.T) {
	fs := []Finding{
		{Rule: "B", Location: Location{File: "a", Line: 1, Column: 5}},
		{Rule: "A", Location: Location{File: "a", Line: 1, Column: 5}},
		{Rule: "C", Location: Location{File: "a", Line: 1, Column: 2}},
		{Rule: "D", Location: Location{File: "0", Line: 9, Column: 9}},
	}
	SortFindings(fs)
	got := ""
	for _, f := range fs {
		got += f.Rule
	}
	if got != "DCAB" {
		t.Errorf("order %s, want DCAB", got)
	}
}

func TestOriginAdvice(t *testing.T) {
	lib := &Origin{Name: "react-dom", Version: "18.3.1"}
	static := Finding{Origin: lib}
	confirmed := Finding{Origin: lib, Runtime: &Runtime{Phase: "update", Target: "https://a.example.com/x"}}
	data := Finding{Origin: lib, Runtime: &Runtime{Phase: "update", Target: "Nordhafen", ReportData: true}}
	for _, c := range []struct {
		f    Finding
		want string
	}{
		{static, "upgrade or replace the library, not your code"},
		{confirmed, "upgrade or replace the library, not your code"},
		{data, "the visual's own code hands it the report data"},
	} {
		if got := c.f.OriginAdvice(); got != c.want {
			t.Errorf("%+v: advice %q, want %q", c.f.Runtime, got, c.want)
		}
	}
}
