module github.com/vnreentry/credit

go 1.26

require (
	github.com/go-chi/chi/v5 v5.5.0
	github.com/shopspring/decimal v1.6.0
	github.com/stretchr/testify v1.12.1
)

require (
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	pgregory.net/rapid v1.3.0 // indirect
)
