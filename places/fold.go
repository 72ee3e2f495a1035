package places

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold returns s as names are compared: lower case, without diacritics
// (the tone marks and the letters ă â ê ô ơ ư become a e o u; đ and Đ
// become d), every run of white space one space, no space at either end.
// "  Xã  Bản Bo" and "xa ban bo" fold alike. Combining marks are dropped
// too, so that text in decomposed form (NFD, as some systems type it)
// folds like precomposed text. Letters other than Vietnamese ones are only
// lower-cased.
func Fold(s string) string {
	if folded(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false // a space is due before the next letter
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && asciiSpace[r]:
			space = len(b) > 0
			continue
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		case baseLetter(r) != 0:
			r = rune(baseLetter(r))
		case unicode.Is(unicode.Mn, r): // a combining mark: NFD input
			continue
		case unicode.IsSpace(r):
			space = len(b) > 0
			continue
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// folded reports whether s is already folded ASCII (the usual query), so
// that Fold can return it without copying.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'A' <= c && c <= 'Z':
			return false
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case asciiSpace[c]:
			return false
		}
	}
	return true
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// The Vietnamese letters with diacritics, by the letter they fold to. The
// capitals are their unicode.ToUpper.
var vietnamese = [...]struct {
	base    byte
	letters string
}{
	{'a', "àáảãạăằắẳẵặâầấẩẫậ"},
	{'e', "èéẻẽẹêềếểễệ"},
	{'i', "ìíỉĩị"},
	{'o', "òóỏõọôồốổỗộơờớởỡợ"},
	{'u', "ùúủũụưừứửữự"},
	{'y', "ỳýỷỹỵ"},
	{'d', "đ"},
}

// The folding table covers the two blocks the Vietnamese letters live in:
// Latin-1 Supplement and Latin Extended-A/B up to Ư (U+00C0–U+01B0), and
// Latin Extended Additional from Ạ to ỹ (U+1EA0–U+1EF9).
const (
	lowFirst, lowLast   = 0x00C0, 0x01B0
	highFirst, highLast = 0x1EA0, 0x1EF9
)

var foldLow, foldHigh = func() (low [lowLast - lowFirst + 1]byte, high [highLast - highFirst + 1]byte) {
	set := func(r rune, base byte) {
		switch {
		case r >= lowFirst && r <= lowLast:
			low[r-lowFirst] = base
		case r >= highFirst && r <= highLast:
			high[r-highFirst] = base
		default:
			panic("places: the folding table misses " + string(r))
		}
	}
	for _, v := range vietnamese {
		for _, r := range v.letters {
			set(r, v.base)
			set(unicode.ToUpper(r), v.base)
		}
	}
	return low, high
}()

// baseLetter returns the ASCII letter a Vietnamese letter with diacritics
// folds to, or 0.
func baseLetter(r rune) byte {
	switch {
	case r >= lowFirst && r <= lowLast:
		return foldLow[r-lowFirst]
	case r >= highFirst && r <= highLast:
		return foldHigh[r-highFirst]
	}
	return 0
}

// Prefixes of the names of units, folded, with their space: a commune's
// (Xã, Phường, Đặc khu) and a province's (Tỉnh, Thành phố).
var (
	communePrefixes  = []string{"xa ", "phuong ", "dac khu "}
	provincePrefixes = []string{"tinh ", "thanh pho "}
)

// trimPrefix returns folded name without the first of prefixes it begins
// with.
func trimPrefix(name string, prefixes []string) string {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return rest
		}
	}
	return name
}
