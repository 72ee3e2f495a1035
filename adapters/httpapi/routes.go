package httpapi

import (
	"net/http"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/workflow"
)

// route is one route of /v1: what it serves, the action it asks the
// policy (package access) for, and how it is audited. The table v1Routes
// is the only place routes are declared: the router is built from it, so
// that no route can be served without its action.
type route struct {
	method  string
	pattern string // under /v1, in chi's syntax
	// action is what the route asks access for. open routes (GET
	// /v1/rules) need no token and ask nothing.
	action access.Action
	open   bool
	// located: the route's resource sits in a commune or a province, and
	// its handler asks s.authorize once it knows where. Otherwise the
	// resource is the store itself (or none: the calculators), and the
	// middleware decides before the handler runs.
	located bool
	kind    string   // the resource kind audit entries name
	audit   auditing // which answers get an entry
	body    media    // the media types of the body; none: no body
	heavy   bool     // reads a file or a large body: runs a few at a time
	stored  bool     // needs Options.Records: 404 without it, as before
	handle  func(s *server, w http.ResponseWriter, r *http.Request)
}

// auditing says which answers of a route the server appends an entry for
// (refused attempts — 401, 403, out-of-scope 404 — always get one).
type auditing uint8

const (
	// auditRefusals: only refused attempts (communes read, the audit
	// trail itself: neither holds personal data).
	auditRefusals auditing = iota
	// auditCalc: every answered calculation, 2xx or 4xx (a 5xx is the
	// server's, in the log), as action "calculate" with the route's kind
	// and no resource id.
	auditCalc
	// auditRead: a read of personal data (the users: officers' names):
	// every answer, with the {id} of what was read when it was.
	auditRead
	// auditWrite: a business change. The store appends the entry of a
	// change that happened in the change's transaction (records.Actor); the
	// server appends one for an attempt that failed (4xx), since the
	// store's transaction rolled back.
	auditWrite
)

var v1Routes = []route{
	// The calculators of api-v1: any role; nothing kept.
	{method: http.MethodPost, pattern: "/assessments", action: access.Calculate, kind: "assessment", audit: auditCalc, body: acceptJSON, handle: (*server).assess},
	{method: http.MethodPost, pattern: "/schedules", action: access.Calculate, kind: "schedule", audit: auditCalc, body: acceptJSON, handle: (*server).schedule},
	{method: http.MethodPost, pattern: "/statements", action: access.Calculate, kind: "statement", audit: auditCalc, body: acceptJSON, handle: (*server).statement},
	{method: http.MethodGet, pattern: "/rules", action: access.ReadRules, open: true, kind: "rules", handle: (*server).rules},
	{method: http.MethodPost, pattern: "/forms/01/validate", action: access.Calculate, kind: "form_01.validate", audit: auditCalc, body: acceptJSON, heavy: true, handle: (*server).validate01},
	{method: http.MethodPost, pattern: "/forms/01/export", action: access.Calculate, kind: "form_01.export", audit: auditCalc, body: acceptJSON, heavy: true, handle: (*server).export01},
	{method: http.MethodPost, pattern: "/forms/01/import", action: access.Calculate, kind: "form_01.import", audit: auditCalc, body: acceptImport, heavy: true, handle: (*server).import01},
	{method: http.MethodPost, pattern: "/forms/02/validate", action: access.Calculate, kind: "form_02.validate", audit: auditCalc, body: acceptJSON, heavy: true, handle: (*server).validate02},
	{method: http.MethodPost, pattern: "/forms/02/export", action: access.Calculate, kind: "form_02.export", audit: auditCalc, body: acceptJSON, heavy: true, handle: (*server).export02},
	{method: http.MethodPost, pattern: "/forms/02/import", action: access.Calculate, kind: "form_02.import", audit: auditCalc, body: acceptImport, heavy: true, handle: (*server).import02},
	{method: http.MethodPost, pattern: "/reports/monthly-lists", action: access.Calculate, kind: "report.monthly_lists", audit: auditCalc, body: acceptJSON, heavy: true, handle: (*server).monthlyLists},
	{method: http.MethodPost, pattern: "/reports/demand-review", action: access.Calculate, kind: "report.demand_review", audit: auditCalc, body: acceptJSON, heavy: true, handle: (*server).demandReview},
	{method: http.MethodPost, pattern: "/reports/plan", action: access.Calculate, kind: "report.plan", audit: auditCalc, body: acceptJSON, heavy: true, handle: (*server).planStatus},
	{method: http.MethodPost, pattern: "/reports/portfolio", action: access.Calculate, kind: "report.portfolio", audit: auditCalc, body: acceptJSONOrCSV, heavy: true, handle: (*server).portfolio},
	{method: http.MethodPost, pattern: "/reports/compare", action: access.Calculate, kind: "report.compare", audit: auditCalc, body: acceptJSONOrFiles, heavy: true, handle: (*server).compare},

	// The store (Options.Records).
	{method: http.MethodGet, pattern: "/communes", action: access.ReadCommunes, kind: "communes", stored: true, handle: (*server).communes},
	{method: http.MethodPut, pattern: "/communes", action: access.WriteCommunes, kind: "communes", audit: auditWrite, body: acceptJSONOrCSV, stored: true, handle: (*server).replaceCommunes},
	{method: http.MethodPost, pattern: "/users", action: access.ManageUsers, kind: "user", audit: auditWrite, body: acceptJSON, stored: true, handle: (*server).createUser},
	{method: http.MethodGet, pattern: "/users", action: access.ManageUsers, kind: "user", audit: auditRead, stored: true, handle: (*server).users},
	{method: http.MethodGet, pattern: "/users/{id}", action: access.ManageUsers, kind: "user", audit: auditRead, stored: true, handle: (*server).user},
	{method: http.MethodPost, pattern: "/users/{id}/tokens", action: access.ManageTokens, kind: "token", audit: auditWrite, body: acceptJSON, stored: true, handle: (*server).createToken},
	{method: http.MethodDelete, pattern: "/tokens/{id}", action: access.ManageTokens, kind: "token", audit: auditWrite, stored: true, handle: (*server).revokeToken},
	{method: http.MethodGet, pattern: "/audit", action: access.ReadAudit, kind: "audit", stored: true, handle: (*server).auditEntries},
	{method: http.MethodGet, pattern: "/audit/verify", action: access.VerifyAudit, kind: "audit", stored: true, handle: (*server).verifyAudit},
	// The provincial plan's completions (admin) and its status from them.
	{method: http.MethodPost, pattern: "/plan/completions", action: access.CompletePlan, kind: "plan_task", audit: auditWrite, body: acceptJSON, stored: true, handle: (*server).completePlan},
	{method: http.MethodGet, pattern: "/reports/plan", action: access.CompletePlan, kind: "report.plan", stored: true, handle: (*server).storedPlan},

	// Reports from the store (storedreports.go): located, each handler
	// takes its scope from the caller's role (report.rows, else
	// report.aggregate); every answer audited.
	{method: http.MethodGet, pattern: "/reports/monthly-lists", action: access.ReportAggregate, located: true, kind: "report.monthly_lists", audit: auditRead, heavy: true, stored: true, handle: (*server).storedMonthly},
	{method: http.MethodGet, pattern: "/reports/demand-review", action: access.ReportAggregate, located: true, kind: "report.demand_review", audit: auditRead, heavy: true, stored: true, handle: (*server).storedDemand},
	{method: http.MethodGet, pattern: "/reports/portfolio", action: access.ReportAggregate, located: true, kind: "report.portfolio", audit: auditRead, heavy: true, stored: true, handle: (*server).storedPortfolio},
	{method: http.MethodGet, pattern: "/audit/checkpoint", action: access.VerifyAudit, kind: "audit", stored: true, handle: (*server).checkpoint},

	// The monthly round: Mẫu 01 lists and Mẫu 02 plans (documents.go).
	// Located: each handler asks s.authorize once it knows the commune.
	{method: http.MethodPost, pattern: "/lists", action: access.ListCreate, located: true, kind: "list", audit: auditWrite, body: acceptJSON, heavy: true, stored: true, handle: listKind.createDoc},
	{method: http.MethodGet, pattern: "/lists", action: access.ListRead, located: true, kind: "list", audit: auditRead, stored: true, handle: listKind.listDocs},
	{method: http.MethodPost, pattern: "/lists/import", action: access.ListCreate, located: true, kind: "list", audit: auditWrite, body: acceptImport, heavy: true, stored: true, handle: listKind.importList},
	{method: http.MethodGet, pattern: "/lists/{id}", action: access.ListRead, located: true, kind: "list", audit: auditRead, stored: true, handle: listKind.getDoc},
	{method: http.MethodPut, pattern: "/lists/{id}", action: access.ListEdit, located: true, kind: "list", audit: auditWrite, body: acceptJSON, heavy: true, stored: true, handle: listKind.putDoc},
	{method: http.MethodPost, pattern: "/lists/{id}/submit", action: access.ListSubmit, located: true, kind: "list", audit: auditWrite, body: acceptJSON, heavy: true, stored: true, handle: listKind.transition(workflow.Submit)},
	{method: http.MethodPost, pattern: "/lists/{id}/certify", action: access.ListCertify, located: true, kind: "list", audit: auditWrite, body: acceptJSON, stored: true, handle: listKind.transition(workflow.Certify)},
	{method: http.MethodPost, pattern: "/lists/{id}/return", action: access.ListReturn, located: true, kind: "list", audit: auditWrite, body: acceptJSON, stored: true, handle: listKind.transition(workflow.Return)},
	{method: http.MethodPost, pattern: "/lists/{id}/receive", action: access.ListReceive, located: true, kind: "list", audit: auditWrite, body: acceptJSON, stored: true, handle: listKind.transition(workflow.Receive)},
	{method: http.MethodGet, pattern: "/lists/{id}/history", action: access.ListRead, located: true, kind: "list", audit: auditRead, stored: true, handle: listKind.history},
	{method: http.MethodPost, pattern: "/plans", action: access.PlanCreate, located: true, kind: "plan", audit: auditWrite, body: acceptJSON, heavy: true, stored: true, handle: planKind.createDoc},
	{method: http.MethodGet, pattern: "/plans", action: access.PlanRead, located: true, kind: "plan", audit: auditRead, stored: true, handle: planKind.listDocs},
	{method: http.MethodGet, pattern: "/plans/{id}", action: access.PlanRead, located: true, kind: "plan", audit: auditRead, stored: true, handle: planKind.getDoc},
	{method: http.MethodPut, pattern: "/plans/{id}", action: access.PlanEdit, located: true, kind: "plan", audit: auditWrite, body: acceptJSON, heavy: true, stored: true, handle: planKind.putDoc},
	{method: http.MethodPost, pattern: "/plans/{id}/submit", action: access.PlanSubmit, located: true, kind: "plan", audit: auditWrite, body: acceptJSON, heavy: true, stored: true, handle: planKind.transition(workflow.Submit)},
	{method: http.MethodPost, pattern: "/plans/{id}/confirm", action: access.PlanConfirm, located: true, kind: "plan", audit: auditWrite, body: acceptJSON, stored: true, handle: planKind.transition(workflow.Confirm)},
	{method: http.MethodPost, pattern: "/plans/{id}/return", action: access.PlanReturn, located: true, kind: "plan", audit: auditWrite, body: acceptJSON, stored: true, handle: planKind.transition(workflow.Return)},
	{method: http.MethodPost, pattern: "/plans/{id}/receive", action: access.PlanReceive, located: true, kind: "plan", audit: auditWrite, body: acceptJSON, stored: true, handle: planKind.transition(workflow.Receive)},
	{method: http.MethodGet, pattern: "/plans/{id}/history", action: access.PlanRead, located: true, kind: "plan", audit: auditRead, stored: true, handle: planKind.history},

	// Applications, loans and repayments (applications.go, loans.go).
	{method: http.MethodGet, pattern: "/applications", action: access.ApplicationRead, located: true, kind: "application", audit: auditRead, stored: true, handle: (*server).listApplications},
	{method: http.MethodGet, pattern: "/applications/{id}", action: access.ApplicationRead, located: true, kind: "application", audit: auditRead, stored: true, handle: (*server).getApplication},
	{method: http.MethodPost, pattern: "/applications/{id}/decision", action: access.ApplicationDecide, located: true, kind: "application", audit: auditWrite, body: acceptJSON, stored: true, handle: (*server).decide},
	{method: http.MethodGet, pattern: "/loans", action: access.LoanRead, located: true, kind: "loan", audit: auditRead, stored: true, handle: (*server).listLoans},
	{method: http.MethodGet, pattern: "/loans/{id}", action: access.LoanRead, located: true, kind: "loan", audit: auditRead, stored: true, handle: (*server).getLoan},
	{method: http.MethodPost, pattern: "/loans/import", action: access.LoanImport, located: true, kind: "loan_import", audit: auditWrite, body: acceptCSV, heavy: true, stored: true, handle: (*server).importLoans},
	{method: http.MethodPost, pattern: "/loans/{id}/payments", action: access.LoanPay, located: true, kind: "payment", audit: auditWrite, body: acceptJSON, stored: true, handle: (*server).addPayment},
	{method: http.MethodGet, pattern: "/loans/{id}/statement", action: access.LoanRead, located: true, kind: "loan", audit: auditRead, stored: true, handle: (*server).loanStatement},
}

// handler builds a route's chain: with a store, audit (outermost, so that
// it sees every answer, refusals included), then authentication and the
// policy, then the media type, the heavy routes' turns and the handler.
// Without a store the chain is what it was before there was one, and the
// store's routes answer 404 as if they did not exist.
func (s *server) handler(rt *route) http.Handler {
	if rt.stored && s.records == nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.writeError(w, r, errNotFound) })
	}
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { rt.handle(s, w, r) })
	if rt.heavy {
		h = s.heavy(h)
	}
	if rt.body != (media{}) {
		h = s.accept(rt.body)(h)
	}
	if s.records == nil || rt.open {
		return h
	}
	return s.audited(rt, s.authenticate(rt, h))
}
