package httpapi

import (
	"encoding/json"

	"github.com/vnreentry/credit"
)

// whereJSON is what a request may say about where and as known when the
// law is read: "province" (two-digit code of 2025, e.g. "12") and
// "known_on" (YYYY-MM-DD). Both are optional.
type whereJSON struct {
	Province json.RawMessage `json:"province"`
	KnownOn  json.RawMessage `json:"known_on"`
}

// read returns the province code and the known-on day, recording a code
// that names no province of 2025 (unknown_province).
func (wj *whereJSON) read(rd *reader) (string, credit.Date) {
	province, _ := rd.str(wj.Province, "/province")
	if province != "" {
		if _, ok := credit.ProvinceByCode(province); !ok {
			rd.add("/province", credit.CodeUnknownProvince, credit.MsgUnknownProvince, nil)
			province = ""
		}
	}
	return province, rd.date(wj.KnownOn, "/known_on", false)
}

// jurisdictionJSON says where the answer holds: in the province asked for,
// or nationally — and then, when some province has values of its own on the
// days the answer covers, which ones, so that nobody takes a national rate
// for a province's. It also echoes the known-on day.
type jurisdictionJSON struct {
	Province     *string      `json:"province"`
	ProvinceName string       `json:"province_name,omitempty"`
	KnownOn      *credit.Date `json:"known_on,omitempty"`
	// OwnValuesIn lists the provinces whose values differ from the
	// national ones on those days (only in a national answer).
	OwnValuesIn []string `json:"provinces_with_own_values,omitempty"`
	MessageVI   string   `json:"message_vi,omitempty"`
	MessageEN   string   `json:"message_en,omitempty"`
}

var msgProvincialMayDiffer = credit.Text{
	VI: "Đây là giá trị áp dụng trên cả nước. Một số tỉnh có giá trị riêng trong thời gian này (ví dụ giảm lãi suất theo Quyết định 2654/QĐ-TTg); hãy ghi mã tỉnh (province) để có giá trị của tỉnh.",
	EN: "These are the national values. Some provinces have values of their own over these days (e.g. the rate cut of Decision 2654/QĐ-TTg); give the province code (province) for its values.",
}

// newJurisdiction describes where an answer for the days from..to
// (inclusive; zero to: open-ended) holds, or nil when nothing needs saying:
// no province asked, no known-on day, and no province with values of its
// own on those days.
func newJurisdiction(b *credit.Book, province string, knownOn, from, to credit.Date) *jurisdictionJSON {
	var j jurisdictionJSON
	if !knownOn.IsZero() {
		j.KnownOn = &knownOn
	}
	if province != "" {
		p, _ := credit.ProvinceByCode(province)
		j.Province, j.ProvinceName = &province, p.Name
		return &j
	}
	if j.OwnValuesIn = b.ProvincesWithOwnValues(from, to, knownOn); len(j.OwnValuesIn) > 0 {
		j.MessageVI, j.MessageEN = msgProvincialMayDiffer.VI, msgProvincialMayDiffer.EN
	}
	if j.KnownOn == nil && j.OwnValuesIn == nil {
		return nil
	}
	return &j
}
