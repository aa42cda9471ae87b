package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"time"

	"sotay/content"
)

// The OpenAPI 3 document is generated from the route table and the Go types
// of request and reply bodies, so it cannot drift from the handlers: adding a
// route adds its documentation.

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	var err error
	s.openapiOnce.Do(func() { s.openapi, err = json.MarshalIndent(s.openAPI(), "", "  ") })
	if err != nil {
		return fmt.Errorf("server: openapi: %w", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, err = w.Write(s.openapi)
	return err
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

func (s *Server) openAPI() map[string]any {
	g := &schemaGen{defs: map[string]any{}}
	paths := map[string]map[string]any{}
	for _, rt := range s.routes() {
		op := map[string]any{
			"summary":     rt.Summary,
			"tags":        []string{rt.Tag},
			"operationId": strings.ToLower(rt.Method) + strings.NewReplacer("/api/v1", "", "/", "_", "{", "", "}", "", "-", "_", ".", "_").Replace(rt.Pattern),
		}
		var params []any
		for _, m := range pathParam.FindAllStringSubmatch(rt.Pattern, -1) {
			typ := map[string]any{"type": "integer", "format": "int64"}
			switch {
			case strings.Contains(rt.Pattern, "devices/{"):
				typ = map[string]any{"type": "string", "format": "uuid"}
			case m[1] == "feed":
				typ = map[string]any{"type": "string", "pattern": "^(unit|member|officers):[1-9][0-9]*$"}
			}
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": typ})
		}
		for _, q := range rt.Query {
			params = append(params, map[string]any{"name": q.Name, "in": "query", "required": q.Required,
				"description": q.Description, "schema": map[string]any{"type": "string"}})
		}
		if params != nil {
			op["parameters"] = params
		}
		if rt.Request != nil {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(rt.Request))}}}
		} else if rt.Body != "" {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				rt.Body: map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}}
		}
		ok := map[string]any{"description": http.StatusText(rt.Status)}
		if rt.Reply != nil {
			ok["content"] = map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(rt.Reply))}}
		}
		responses := map[string]any{itoa(int64(rt.Status)): ok,
			"default": map[string]any{"description": "Error", "content": map[string]any{
				"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}}
		op["responses"] = responses
		if rt.Auth {
			op["security"] = []any{map[string]any{"bearer": []string{}}}
		}
		p := paths[rt.Pattern]
		if p == nil {
			p = map[string]any{}
			paths[rt.Pattern] = p
		}
		p[strings.ToLower(rt.Method)] = op
	}
	g.defs["Error"] = g.schema(reflect.TypeOf(errorBody{}))
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":       "sotay API",
			"version":     "1",
			"description": "The API of sotay, the electronic party-member handbook. Errors are {\"error\": {\"code\", \"message\", \"field\"}} with messages in Vietnamese.",
		},
		"paths": paths,
		"components": map[string]any{
			"schemas":         g.defs,
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
		},
	}
}

// schemaGen turns Go types into JSON Schema, naming struct types in components.
type schemaGen struct{ defs map[string]any }

var (
	timeType = reflect.TypeOf(time.Time{})
	dateType = reflect.TypeOf(content.Date{})
	rawType  = reflect.TypeOf(json.RawMessage{})
)

func (g *schemaGen) schema(t reflect.Type) map[string]any {
	switch t {
	case timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case dateType:
		return map[string]any{"type": "string", "format": "date"}
	case rawType:
		return map[string]any{}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := g.schema(t.Elem())
		if _, isRef := s["$ref"]; isRef {
			return map[string]any{"allOf": []any{s}, "nullable": true}
		}
		s["nullable"] = true
		return s
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 { // uuid.UUID
			return map[string]any{"type": "string", "format": "uuid"}
		}
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		name := t.Name()
		if name != "" {
			if _, seen := g.defs[name]; seen {
				return map[string]any{"$ref": "#/components/schemas/" + name}
			}
			g.defs[name] = map[string]any{} // placeholder against recursion
		}
		props := map[string]any{}
		var order []string
		g.fields(t, props, &order)
		s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if name == "" {
			return s
		}
		g.defs[name] = s
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

func (g *schemaGen) fields(t reflect.Type, props map[string]any, order *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
			g.fields(f.Type, props, order)
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s := g.schema(f.Type)
		if d := f.Tag.Get("doc"); d != "" {
			if _, isRef := s["$ref"]; isRef {
				s = map[string]any{"allOf": []any{s}, "description": d}
			} else {
				s["description"] = d
			}
		}
		props[name] = s
		*order = append(*order, name)
	}
}
