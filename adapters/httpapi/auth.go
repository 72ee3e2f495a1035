package httpapi

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// Who asks, and may they: the bearer token is read strictly, the store
// says whose it is, and the policy of package access — nothing else —
// says whether that principal may do the route's action. No handler checks
// a role.

// maxToken bounds the token of an Authorization header (the store's are
// 47 characters: "crd_" and 43 of base64url). Longer is a 401, read no
// further.
const maxToken = 512

// parseBearer returns the token of an Authorization header value of the
// form "Bearer TOKEN" (RFC 6750 §2.1): the scheme in any case, exactly one
// space, and a token68 (RFC 9110 §11.2) of at most maxToken characters —
// ASCII letters, digits and -._~+/ followed by any "=" padding. Anything
// else (no scheme, another scheme, two spaces, a space or a control
// character inside, non-ASCII, too long) is not a bearer token.
func parseBearer(v string) (string, bool) {
	const scheme = "bearer "
	if len(v) <= len(scheme) || len(v) > len(scheme)+maxToken {
		return "", false
	}
	for i := 0; i < len(scheme); i++ {
		c := v[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != scheme[i] {
			return "", false
		}
	}
	tok := v[len(scheme):]
	i := 0
	for ; i < len(tok) && token68[tok[i]]; i++ {
	}
	if i == 0 {
		return "", false
	}
	for ; i < len(tok) && tok[i] == '='; i++ {
	}
	if i != len(tok) {
		return "", false
	}
	return tok, true
}

// token68 marks the bytes of a token68 before its padding.
var token68 = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "-._~+/" {
		t[c] = true
	}
	return t
}()

// bearer returns the request's bearer token: one Authorization header, of
// parseBearer's form. present reports whether the request had any
// Authorization header at all.
func bearer(r *http.Request) (token string, present bool, ok bool) {
	vs := r.Header["Authorization"]
	if len(vs) != 1 {
		return "", len(vs) > 0, false
	}
	token, ok = parseBearer(vs[0])
	return token, true, ok
}

// principalKey is the context key of AsPrincipal.
type principalKey struct{}

// AsPrincipal returns ctx carrying p, a principal the caller in this
// process has already authenticated — the officers' pages, by their
// session: a request with it is served as p without a bearer token, with
// the same policy, checks and audit entries as any other. Only code in
// this process can set it; nothing a client sends can.
func AsPrincipal(ctx context.Context, p access.Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// errForbidden: the caller's role may never do the route's action (403).
var errForbidden = errors.New("httpapi: the role may not do this")

// authenticate answers 401 to a request without a valid bearer token and
// 403 to a principal the policy never lets do the route's action; a route
// whose resource is the store itself (not located) is decided here
// whole, 404 when the policy says the store is outside the principal's
// scope. The principal goes into the request's info for the handler and
// the audit entry. Nothing it answers may be kept by a cache.
func (s *server) authenticate(rt *route, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		p, inProcess := r.Context().Value(principalKey{}).(access.Principal)
		if !inProcess {
			token, present, ok := bearer(r)
			if !ok {
				s.unauthenticated(w, r, present)
				return
			}
			var err error
			p, err = s.records.Authenticate(r.Context(), token)
			if errors.Is(err, records.ErrUnauthenticated) {
				s.unauthenticated(w, r, true)
				return
			}
			if err != nil {
				s.writeError(w, r, err)
				return
			}
		}
		in := infoOf(r)
		in.principal, in.authenticated = p, true
		if rt.located {
			if !access.May(p, rt.action) {
				s.writeError(w, r, errForbidden)
				return
			}
		} else if err := s.verdict(r, access.Decide(p, rt.action, access.Resource{})); err != nil {
			s.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// unauthenticated answers 401 with the challenge of RFC 6750 §3: bare when
// the request had no credentials, error="invalid_token" when it had some
// that are no valid token (which of malformed, unknown, expired or
// revoked is never said).
func (s *server) unauthenticated(w http.ResponseWriter, r *http.Request, presented bool) {
	challenge := "Bearer"
	if presented {
		challenge = `Bearer error="invalid_token"`
	}
	w.Header().Set("WWW-Authenticate", challenge)
	s.writeError(w, r, records.ErrUnauthenticated)
}

// verdict turns the policy's verdict into the answer's error: nil to go
// on, errForbidden (403), or records.ErrNotFound (404: outside the
// caller's scope, answered as if it did not exist, and audited as a
// refusal).
func (s *server) verdict(r *http.Request, v access.Verdict) error {
	switch v {
	case access.Allow:
		return nil
	case access.NotFound:
		infoOf(r).outOfScope = true
		return records.ErrNotFound
	}
	return errForbidden
}

// authorize asks the policy whether the caller may do its route's action
// to a resource that sits at res, for the handlers of located routes once
// they know where the record is. It returns nil, errForbidden, or
// records.ErrNotFound for a record outside the caller's scope (audited as
// a refused attempt); the handler answers with s.writeError.
func (s *server) authorize(r *http.Request, res access.Resource) error {
	in := infoOf(r)
	if in.route == nil || !in.authenticated {
		return errForbidden // deny by default: no route, no principal
	}
	return s.verdict(r, access.Decide(in.principal, in.route.action, res))
}

// principalOf returns who asks, once the request is authenticated.
func principalOf(ctx context.Context) (access.Principal, bool) {
	in, ok := ctx.Value(infoKey).(*info)
	if !ok || !in.authenticated {
		return access.Principal{}, false
	}
	return in.principal, true
}

// actor is who acts in r, for the audit entry the store writes with a
// change.
func actor(r *http.Request) records.Actor {
	p, _ := principalOf(r.Context())
	return records.Actor{UserID: p.UserID, Role: string(p.Role), RequestID: requestID(r.Context())}
}

// pathID reads the route's {id}: a positive decimal integer without
// leading zeros that fits an int64. Anything else names nothing (404).
func pathID(r *http.Request) (int64, error) {
	s := chi.URLParam(r, "id")
	if s == "" || len(s) > 19 || s[0] == '0' {
		return 0, errNotFound
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errNotFound
		}
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, errNotFound
	}
	return id, nil
}

// listScope is what a listing for action may return to the caller: the
// policy's scope (access.ScopeOf), or false when the caller may not list at
// all (403). Listings ask it rather than the policy, so that none forgets
// the caller.
func listScope(r *http.Request, action access.Action) (access.Scope, bool) {
	p, _ := principalOf(r.Context())
	return access.ScopeOf(p, action)
}
