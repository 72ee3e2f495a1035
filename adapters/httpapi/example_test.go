package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/httpapi"
)

// Serve the v1 API and ask whether an individual may borrow. A refusal is a
// 200 whose findings say why.
func ExampleNew() {
	h := httpapi.New(httpapi.Options{Book: credit.DefaultBook()})
	srv := httptest.NewServer(h)
	defer srv.Close()

	body := `{
	  "requested_on": "2024-06-01", "purpose": "production", "amount": "150000000",
	  "same_purpose_debt": false,
	  "individual": {"release": {"basis": "completion", "completed_on": "2019-03-01"},
	                 "on_commune_list": true}
	}`
	resp, err := http.Post(srv.URL+"/v1/assessments", "application/json", strings.NewReader(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var answer struct {
		Decision string `json:"decision"`
		Findings []struct {
			Rule            string `json:"rule"`
			Outcome         string `json:"outcome"`
			LastEligibleDay string `json:"last_eligible_day"`
		} `json:"findings"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, answer.Decision)
	for _, f := range answer.Findings {
		if f.Outcome != "met" {
			fmt.Println(f.Rule, f.Outcome, "last day", f.LastEligibleDay)
		}
	}
	// Output:
	// 200 ineligible
	// individual.release_window not_met last day 2024-03-01
}
