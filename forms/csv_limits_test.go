package forms_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

const csvHeadings01 = "STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Loại giấy chứng nhận,Số giấy chứng nhận,Ngày cấp giấy chứng nhận,Ngày chấp hành xong án phạt tù,Mục đích vay,Số tiền cần vay (đồng),Số tháng học nghề,Ghi chú\r\n"

// A file of many bad rows: every row is read, but its problems are kept
// up to forms.MaxProblems, then one too_many_problems at /rows (before,
// every problem was kept: 8 for each of 100,000 rows).
func TestReadCSVProblemsCut(t *testing.T) {
	for _, n := range []int{forms.MaxProblems / 8, 20_000} {
		in := csvHeadings01 + strings.Repeat("1,x!,x!,x!,x!,x!,x!,x!,x!,x!,x!,x!,x!,x!\r\n", n)
		rows, _, err := forms.ReadCSV01(strings.NewReader(in), 0)
		var ps credit.Problems
		if !errors.As(err, &ps) || len(rows) != n {
			t.Fatalf("%d rows: %d read, %d problems", n, len(rows), len(ps))
		}
		cut := len(ps) == forms.MaxProblems+1 && ps[forms.MaxProblems].Code == forms.CodeTooManyProblems && ps[forms.MaxProblems].Pointer == "/rows"
		if want := 8*n > forms.MaxProblems; cut != want || !want && len(ps) != 8*n {
			t.Errorf("%d rows: %d problems, cut %v", n, len(ps), cut)
		}
	}
}

// cutShort gives r, then err once, then io.EOF: a body cut short whose
// reader does not repeat its error.
type cutShort struct {
	r    io.Reader
	err  error
	told bool
}

func (c *cutShort) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err == io.EOF && !c.told {
		c.told = true
		return n, c.err
	}
	return n, err
}

// A file whose reader fails is an error however short the file, even if
// the reader says so only once: an upload cut short (io.ErrUnexpectedEOF
// from the request body) is not a short file. (Before, the first read
// took io.ErrUnexpectedEOF for the end of a file shorter than its buffer,
// and the rows read so far came back without an error.)
func TestReadCSVCutShort(t *testing.T) {
	in := csvHeadings01 + "1,Lò Văn Hùng,02/03/1988,Nam,012088004512,Bản Nà Bó,Chấp hành xong án phạt tù,45/GCN,15/03/2022,15/03/2022,Sản xuất kinh doanh,50.000.000,,\r\n"
	for _, cause := range []error{io.ErrUnexpectedEOF, errors.New("connection reset")} {
		if _, _, err := forms.ReadCSV01(&cutShort{r: strings.NewReader(in), err: cause}, 0); !errors.Is(err, cause) {
			t.Errorf("%v: ReadCSV01 = %v", cause, err)
		}
	}
	if rows, _, err := forms.ReadCSV01(strings.NewReader(in), 0); err != nil || len(rows) != 1 {
		t.Errorf("the same file whole: %d rows, %v", len(rows), err)
	}
}
