// Package web serves the officers' pages: the monthly round in a browser,
// Vietnamese first with an English switch, beside the JSON API as a second
// adapter of the same store and domain code (examples/server mounts it at
// /, the API at /v1/).
//
// The pages hold no rule and no query of their own: each asks the JSON API
// in this process as the signed-in user (httpapi.AsPrincipal), so that
// the policy of package access, the checks, the problems with their
// pointers and the audit entries are the API's, and renders its answer
// with html/template. What only the pages need — logins, passwords
// (argon2id, HashPassword), browser sessions — the store keeps (Records).
//
// # Signing in
//
// A user signs in with a login and a password that an admin set (to be
// changed at the first sign-in) or that they chose. The session is a
// cookie of 32 random bytes (HttpOnly, SameSite=Lax, Secure with
// Options.Secure), kept by the store only as its SHA-256; it ends after
// Options.IdleTimeout unused (30 min), Options.SessionLifetime after
// sign-in (12 h), at sign-out, or at sign-out everywhere. Failed sign-ins
// are throttled by login and by client address (MaxFailures within
// FailureWindow) and audited without the login; a sign-in, a sign-out and
// a password change are audited by the store.
//
// With Options.OIDC a user may also sign in through the province's
// identity provider (OpenID Connect, oidc.go): the authorization code
// flow with state, nonce and PKCE S256 kept in a short-lived HttpOnly
// cookie, the ID token verified (signature, issuer, audience, expiry,
// nonce), and its subject mapped to the user an admin linked it to on the
// user's page (Records.LinkSubject; a wrong link is ended, never
// changed). The session is then the same as after a password. Failures
// are audited (resource id "oidc", never the subject) and throttled by
// client address with the passwords'; the provider is asked at the first
// use, so the pages start while it is down.
//
// # Safety
//
// Every state-changing request passes http.CrossOriginProtection (a
// cross-site form post is a 403). Every answer carries a content security
// policy without inline script or style and forbids framing; pages are
// never cached. Paths carry opaque record ids, never a name or an ID
// number; logs carry the request id, method, route pattern, status and
// duration.
//
// # Pages
//
// Each role's pages live in a file of their own, which adds its routes
// (addRoutes), its texts in both languages (addMessages) and its links on
// the home page (addWork, shown to the roles access.May lets do the
// action). Dates are written dd/mm/yyyy and money 1.000.000 đ. Every page
// works without JavaScript; static/app.js adds conveniences only.
package web
