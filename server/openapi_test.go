package server_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestOpenAPIMatchesRoutes fetches the served document and checks that every
// documented operation reaches a handler (not the no-route answer), that
// every $ref resolves, and that request schemas refuse unknown fields as the
// handlers do.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	w := newWorld(t)
	var doc struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	raw := w.do("GET", "/api/v1/openapi.json", "", nil, 200, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") || len(doc.Paths) < 30 {
		t.Fatalf("openapi %q with %d paths", doc.OpenAPI, len(doc.Paths))
	}
	for _, ref := range regexp.MustCompile(`"\$ref": "#/components/schemas/([A-Za-z0-9_]+)"`).FindAllStringSubmatch(string(raw), -1) {
		if _, ok := doc.Components.Schemas[ref[1]]; !ok {
			t.Errorf("dangling $ref %s", ref[1])
		}
	}
	ids := regexp.MustCompile(`\{[a-z_]+\}`)
	for path, ops := range doc.Paths {
		for method := range ops {
			p := ids.ReplaceAllString(path, "1")
			if strings.Contains(path, "devices/{") {
				p = ids.ReplaceAllString(path, "00000000-0000-0000-0000-000000000000")
			}
			req, _ := http.NewRequest(strings.ToUpper(method), w.url+p, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var e struct{ Error struct{ Code string } }
			json.NewDecoder(resp.Body).Decode(&e)
			resp.Body.Close()
			if e.Error.Code == "no_route" || resp.StatusCode == http.StatusMethodNotAllowed {
				t.Errorf("%s %s is documented but not routed (%d)", method, path, resp.StatusCode)
			}
		}
	}
	var login struct {
		Post struct {
			RequestBody struct {
				Content map[string]struct {
					Schema map[string]any `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"post"`
	}
	json.Unmarshal(doc.Paths["/api/v1/auth/login"]["post"], &login.Post)
	ref, _ := login.Post.RequestBody.Content["application/json"].Schema["$ref"].(string)
	var schema struct {
		Properties           map[string]any `json:"properties"`
		AdditionalProperties bool           `json:"additionalProperties"`
	}
	json.Unmarshal(doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")], &schema)
	for _, f := range []string{"login", "password", "device"} {
		if _, ok := schema.Properties[f]; !ok {
			t.Errorf("login request schema lacks %s: %+v", f, schema)
		}
	}
	if schema.AdditionalProperties {
		t.Error("login schema allows unknown fields; the handler refuses them")
	}
}
