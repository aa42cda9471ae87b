package server

import (
	"net/http"

	"sotay/content"
	"sotay/sync/feed"
)

// route is one API endpoint. The route table below is the single source for
// the mux and for the OpenAPI document (openapi.go).
type route struct {
	Method  string
	Pattern string
	Tag     string
	Summary string
	Auth    bool
	Query   []queryParam // documented query parameters
	Request any          // a value of the JSON request body type; nil when none
	Body    string       // a non-JSON request body's media type (attachments)
	Status  int          // success status
	MaxBody int64        // the JSON body limit when not maxJSONBody
	// Slow is for routes whose request bodies may take minutes on a village
	// connection (uploads): they get a long read deadline.
	Slow bool
	// TokenInQuery accepts the access token as ?access_token= (WebSockets
	// from browsers cannot send headers).
	TokenInQuery bool
	// Gzip answers in gzip when the client accepts it (large sync answers).
	Gzip   bool
	Reply  any // a value of the success body type; nil for no body
	Handle func(http.ResponseWriter, *http.Request) error
}

type queryParam struct {
	Name, Description string
	Required          bool
}

// maxDocumentBody fits a document at its largest (2 MB of Markdown, escaped
// as JSON) with room to spare.
const maxDocumentBody = 6 << 20

func (s *Server) routes() []route {
	return append(s.coreRoutes(), s.meetingRoutes()...)
}

func (s *Server) coreRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/auth/activate", Tag: "auth", Summary: "Set the first password with an activation code and sign this device in",
			Request: activateRequest{}, Status: 200, Reply: tokensReply{}, Handle: s.handleActivate},
		{Method: "POST", Pattern: "/api/v1/auth/login", Tag: "auth", Summary: "Sign in with card number, phone or staff login and password",
			Request: loginRequest{}, Status: 200, Reply: tokensReply{}, Handle: s.handleLogin},
		{Method: "POST", Pattern: "/api/v1/auth/refresh", Tag: "auth", Summary: "Trade a refresh token for a new pair (the old one stops working)",
			Request: refreshRequest{}, Status: 200, Reply: tokensReply{}, Handle: s.handleRefresh},
		{Method: "POST", Pattern: "/api/v1/auth/logout", Tag: "auth", Summary: "Sign this device out", Auth: true,
			Status: 204, Handle: s.handleLogout},
		{Method: "GET", Pattern: "/api/v1/auth/devices", Tag: "auth", Summary: "List my signed-in devices", Auth: true,
			Status: 200, Reply: devicesReply{}, Handle: s.handleMyDevices},
		{Method: "DELETE", Pattern: "/api/v1/auth/devices/{id}", Tag: "auth", Summary: "Sign one of my devices out", Auth: true,
			Status: 204, Handle: s.handleRevokeMyDevice},

		{Method: "POST", Pattern: "/api/v1/auth/password", Tag: "auth", Summary: "Change my password (signs my other devices out)", Auth: true,
			Request: passwordRequest{}, Status: 204, Handle: s.handleChangePassword},

		{Method: "GET", Pattern: "/api/v1/me", Tag: "me", Summary: "Who I am: member, cell, positions and admin grants", Auth: true,
			Status: 200, Reply: meReply{}, Handle: s.handleMe},

		{Method: "GET", Pattern: "/api/v1/units/{id}", Tag: "units", Summary: "A unit with its ancestors", Auth: true,
			Status: 200, Reply: unitReply{}, Handle: s.handleGetUnit},
		{Method: "GET", Pattern: "/api/v1/units/{id}/children", Tag: "units", Summary: "The direct children of a unit", Auth: true,
			Status: 200, Reply: unitsReply{}, Handle: s.handleUnitChildren},
		{Method: "POST", Pattern: "/api/v1/units", Tag: "units", Summary: "Create a unit (admin of the parent)", Auth: true,
			Request: unitCreateRequest{}, Status: 201, Reply: unitReply{}, Handle: s.handleCreateUnit},
		{Method: "PATCH", Pattern: "/api/v1/units/{id}", Tag: "units", Summary: "Rename a unit or move its subtree under a new parent", Auth: true,
			Request: unitPatchRequest{}, Status: 200, Reply: unitReply{}, Handle: s.handlePatchUnit},

		{Method: "PUT", Pattern: "/api/v1/push/device", Tag: "me", Summary: "Register or refresh this device's FCM token (a member's session holds one)", Auth: true,
			Request: pushDeviceRequest{}, Status: 204, Handle: s.handleRegisterPushDevice},
		{Method: "DELETE", Pattern: "/api/v1/push/device", Tag: "me", Summary: "Stop push notifications to this device (the inbox still fills)", Auth: true,
			Status: 204, Handle: s.handleRemovePushDevice},
		{Method: "GET", Pattern: "/api/v1/members", Tag: "members", Summary: "List members of a subtree (viewer)", Auth: true,
			Query: []queryParam{{"unit", "unit id whose subtree to list", true}, {"q", "part of name, card number or phone", false},
				{"after", "last id of the previous page", false}, {"limit", "page size, at most 500", false}},
			Status: 200, Reply: membersReply{}, Handle: s.handleListMembers},
		{Method: "POST", Pattern: "/api/v1/members", Tag: "members", Summary: "Add a member to a cell (admin)", Auth: true,
			Request: memberRequest{}, Status: 201, Reply: memberReply{}, Handle: s.handleCreateMember},
		{Method: "GET", Pattern: "/api/v1/members/{id}", Tag: "members", Summary: "A member with history and positions", Auth: true,
			Status: 200, Reply: memberReply{}, Handle: s.handleGetMember},
		{Method: "PATCH", Pattern: "/api/v1/members/{id}", Tag: "members", Summary: "Change a member's personal data (admin)", Auth: true,
			Request: memberRequest{}, Status: 200, Reply: memberReply{}, Handle: s.handleUpdateMember},
		{Method: "POST", Pattern: "/api/v1/members/{id}/transfer", Tag: "members", Summary: "Transfer a member to another cell, keeping history (admin of both)", Auth: true,
			Request: transferRequest{}, Status: 200, Reply: memberReply{}, Handle: s.handleTransferMember},
		{Method: "POST", Pattern: "/api/v1/members/{id}/state", Tag: "members", Summary: "Record that a member left, was expelled or died; signs all devices out", Auth: true,
			Request: stateRequest{}, Status: 200, Reply: memberReply{}, Handle: s.handleMemberState},
		{Method: "POST", Pattern: "/api/v1/members/{id}/positions", Tag: "members", Summary: "Assign a position (secretary, deputy, committee member)", Auth: true,
			Request: positionRequest{}, Status: 201, Reply: positionReply{}, Handle: s.handleAssignPosition},
		{Method: "POST", Pattern: "/api/v1/members/{id}/activation-code", Tag: "members", Summary: "Issue a one-time activation code (editor of the cell, e.g. its secretary)", Auth: true,
			Status: 201, Reply: activationReply{}, Handle: s.handleActivationCode},
		{Method: "GET", Pattern: "/api/v1/members/{id}/devices", Tag: "members", Summary: "A member's devices (admin)", Auth: true,
			Status: 200, Reply: devicesReply{}, Handle: s.handleMemberDevices},
		{Method: "POST", Pattern: "/api/v1/devices/{id}/revoke", Tag: "members", Summary: "Sign a device out, optionally ordering a remote wipe (admin)", Auth: true,
			Request: revokeRequest{}, Status: 204, Handle: s.handleRevokeDevice},
		{Method: "DELETE", Pattern: "/api/v1/positions/{id}", Tag: "members", Summary: "End a position today (admin)", Auth: true,
			Status: 204, Handle: s.handleEndPosition},
		{Method: "POST", Pattern: "/api/v1/accounts/{id}/disable", Tag: "members", Summary: "Lock an account and sign all its devices out (admin)", Auth: true,
			Status: 204, Handle: s.handleDisableAccount},
		{Method: "GET", Pattern: "/api/v1/audit", Tag: "members", Summary: "The audit log of admin writes, newest first (admin of the root)", Auth: true,
			Query: []queryParam{{"object_type", "e.g. member, document, unit, session", false}, {"object_id", "with object_type", false},
				{"account", "one account's writes", false}, {"before", "entries older than this id", false}, {"limit", "at most 500", false}},
			Status: 200, Reply: auditReply{}, Handle: s.handleAudit},
		{Method: "PUT", Pattern: "/api/v1/grants", Tag: "members", Summary: "Give an account a role on a subtree (admin)", Auth: true,
			Request: grantRequest{}, Status: 204, Handle: s.handleSetGrant},
		{Method: "DELETE", Pattern: "/api/v1/grants", Tag: "members", Summary: "Remove an account's role on a unit (admin)", Auth: true,
			Request: grantRequest{}, Status: 204, Handle: s.handleRevokeGrant},

		{Method: "GET", Pattern: "/api/v1/documents", Tag: "documents", Summary: "Documents I may read (or, with manage=1, those I manage)", Auth: true,
			Query: []queryParam{{"manage", "1: list as staff, every status, inside my grants", false}, {"type", "document type", false},
				{"category", "article category", false}, {"status", "status (manage only)", false}, {"unit", "audience inside this unit", false},
				{"cursor", "from the previous page's next", false}, {"limit", "1..100, default 20", false}},
			Status: 200, Reply: documentsReply{}, Handle: s.handleListDocuments},
		{Method: "POST", Pattern: "/api/v1/documents", Tag: "documents", Summary: "Create a draft (editor of the audience unit)", Auth: true,
			Request: documentRequest{}, MaxBody: maxDocumentBody, Status: 201, Reply: documentReply{}, Handle: s.handleCreateDocument},
		{Method: "GET", Pattern: "/api/v1/documents/search", Tag: "documents", Summary: "Search the documents I may read, ignoring diacritics, ranked, with highlighted snippets", Auth: true,
			Query:  []queryParam{{"q", "words to find, e.g. nghi quyet so 18", true}, {"limit", "at most 50", false}},
			Status: 200, Reply: searchReply{}, Handle: s.handleSearchDocuments},
		{Method: "GET", Pattern: "/api/v1/documents/{id}", Tag: "documents", Summary: "A document with its body (rendered too) and attachments; 404 when I may not read it", Auth: true,
			Status: 200, Reply: documentReply{}, Handle: s.handleGetDocument},
		{Method: "PUT", Pattern: "/api/v1/documents/{id}", Tag: "documents", Summary: "Replace a document's fields; after publishing each edit is a new version", Auth: true,
			Request: documentRequest{}, MaxBody: maxDocumentBody, Status: 200, Reply: documentReply{}, Handle: s.handleUpdateDocument},
		{Method: "POST", Pattern: "/api/v1/documents/{id}/publish", Tag: "documents", Summary: "Publish now, or schedule for later", Auth: true,
			Request: publishRequest{}, Status: 200, Reply: documentReply{}, Handle: s.handlePublishDocument},
		{Method: "POST", Pattern: "/api/v1/documents/{id}/unschedule", Tag: "documents", Summary: "Take a scheduled document back to draft", Auth: true,
			Status: 200, Reply: documentReply{}, Handle: s.handleUnscheduleDocument},
		{Method: "POST", Pattern: "/api/v1/documents/{id}/retract", Tag: "documents", Summary: "Retract a published document, with a reason", Auth: true,
			Request: retractRequest{}, Status: 200, Reply: documentReply{}, Handle: s.handleRetractDocument},
		{Method: "GET", Pattern: "/api/v1/documents/{id}/versions", Tag: "documents", Summary: "The published versions of a document", Auth: true,
			Status: 200, Reply: versionsReply{}, Handle: s.handleDocumentVersions},
		{Method: "GET", Pattern: "/api/v1/documents/{id}/versions/{n}", Tag: "documents", Summary: "One published version", Auth: true,
			Status: 200, Reply: content.DocumentVersion{}, Handle: s.handleDocumentVersion},
		{Method: "POST", Pattern: "/api/v1/documents/{id}/attachments", Tag: "documents", Summary: "Attach a file (PDF, PNG, JPEG, WebP; at most 20 MB) sent as the raw body", Auth: true,
			Query: []queryParam{{"name", "file name", true}}, Body: "application/octet-stream", Slow: true,
			Status: 201, Reply: content.Attachment{}, Handle: s.handleAddAttachment},
		{Method: "GET", Pattern: "/api/v1/documents/{id}/attachments/{aid}", Tag: "documents", Summary: "Download an attachment (Range, strong ETag, immutable)", Auth: true,
			Status: 200, Handle: s.handleGetAttachment},
		{Method: "DELETE", Pattern: "/api/v1/documents/{id}/attachments/{aid}", Tag: "documents", Summary: "Remove an attachment", Auth: true,
			Status: 204, Handle: s.handleRemoveAttachment},
		{Method: "GET", Pattern: "/api/v1/documents/{id}/audio/{file}", Tag: "documents", Summary: "Download the document's audio, {sha256}.mp3 as its audio.url says (Range, strong ETag, immutable; 404 audio_not_found once re-rendered: sync)", Auth: true,
			Status: 200, Handle: s.handleGetAudio},
		{Method: "POST", Pattern: "/api/v1/documents/{id}/audio/retry", Tag: "documents", Summary: "Render the audio again after it failed for good (editor)", Auth: true,
			Status: 200, Reply: documentReply{}, Handle: s.handleRetryAudio},

		{Method: "POST", Pattern: "/api/v1/sync/pull", Tag: "sync", Summary: "Pull what changed in my feeds since my cursors (sync/PROTOCOL.md)", Auth: true,
			Request: syncPullRequest{}, Gzip: true, Status: 200, Reply: syncPullReply{}, Handle: s.handleSyncPull},
		{Method: "POST", Pattern: "/api/v1/sync/push", Tag: "sync", Summary: "Push mutations made offline, applied exactly once (sync/PROTOCOL.md)", Auth: true,
			Request: syncPushRequest{}, MaxBody: 4 << 20, Status: 200, Reply: syncPushReply{}, Handle: s.handleSyncPush},
		{Method: "GET", Pattern: "/api/v1/sync/feeds/{feed}", Tag: "sync", Summary: "One feed's entries in (from, to]: the same bytes for everyone, strong ETag, immutable", Auth: true,
			Query: []queryParam{{"from", "the cursor held", false}, {"to", "a cursor at or below the feed's head", true}},
			Gzip:  true, Status: 200, Reply: feed.Chunk{}, Handle: s.handleSyncChunk},
		{Method: "GET", Pattern: "/api/v1/sync/ws", Tag: "sync", Summary: "WebSocket of pokes: \"feed F is at h\", then pull (sync/PROTOCOL.md)", Auth: true,
			Query:        []queryParam{{"access_token", "the access token, for browsers that cannot set the Authorization header", false}},
			TokenInQuery: true, Slow: true, Status: 101, Handle: s.handleSyncSocket},

		{Method: "GET", Pattern: "/api/v1/openapi.json", Tag: "ops", Summary: "This document", Status: 200, Handle: s.handleOpenAPI},
		{Method: "GET", Pattern: "/healthz", Tag: "ops", Summary: "The process is alive", Status: 200, Handle: s.handleHealthz},
		{Method: "GET", Pattern: "/readyz", Tag: "ops", Summary: "The database answers and its schema is current (503 otherwise)", Status: 200, Handle: s.handleReadyz},
		{Method: "GET", Pattern: "/metrics", Tag: "ops", Summary: "Prometheus metrics", Status: 200, Handle: s.handleMetrics},
	}
}
