package llmtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

type file struct {
	ID       string
	Filename string
	Purpose  string
	Data     []byte
	Created  int64
}

func (f *file) object() any {
	return map[string]any{
		"id": f.ID, "object": "file", "bytes": len(f.Data), "created_at": f.Created,
		"filename": f.Filename, "purpose": f.Purpose, "status": "processed",
	}
}

type batch struct {
	ID, Endpoint, InputFileID, OutputFileID, ErrorFileID, Status, Window string
	Created                                                              int64
	Total, Completed, Failed                                             int
	polls                                                                int
	Metadata                                                             map[string]any
}

func (b *batch) object() any {
	o := map[string]any{
		"id": b.ID, "object": "batch", "endpoint": b.Endpoint, "input_file_id": b.InputFileID,
		"completion_window": b.Window, "status": b.Status, "created_at": b.Created,
		"request_counts": map[string]int{"total": b.Total, "completed": b.Completed, "failed": b.Failed},
		"metadata":       b.Metadata,
	}
	if b.Status == "completed" {
		o["output_file_id"] = b.OutputFileID
		o["completed_at"] = b.Created + 1
		if b.ErrorFileID != "" {
			o["error_file_id"] = b.ErrorFileID
		}
	}
	return o
}

func (s *Server) id(prefix string) string {
	s.nextID++
	return fmt.Sprintf("%s-%d", prefix, s.nextID)
}

// File returns the content of an uploaded or generated file.
func (s *Server) File(id string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[id]
	if !ok {
		return nil, false
	}
	return f.Data, true
}

func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(64 << 20); err != nil {
		writeError(w, Error(http.StatusBadRequest, "expected a multipart form: "+err.Error(), "invalid_request_error", ""))
		return
	}
	purpose := r.FormValue("purpose")
	if purpose == "" {
		writeError(w, Error(http.StatusBadRequest, "purpose is required", "invalid_request_error", ""))
		return
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		writeError(w, Error(http.StatusBadRequest, "file is required", "invalid_request_error", ""))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return
	}
	s.mu.Lock()
	fl := &file{ID: s.id("file"), Filename: hdr.Filename, Purpose: purpose, Data: data, Created: time.Now().Unix()}
	s.files[fl.ID] = fl
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, fl.object())
}

func (s *Server) handleFile(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, ok := s.files[r.PathValue("id")]
	s.mu.Unlock()
	if !ok {
		writeError(w, Error(http.StatusNotFound, "No such File object: "+r.PathValue("id"), "invalid_request_error", ""))
		return
	}
	writeJSON(w, http.StatusOK, f.object())
}

func (s *Server) handleFileContent(w http.ResponseWriter, r *http.Request) {
	data, ok := s.File(r.PathValue("id"))
	if !ok {
		writeError(w, Error(http.StatusNotFound, "No such File object: "+r.PathValue("id"), "invalid_request_error", ""))
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(data)
}

// handleCreateBatch runs every line of the input file through the handler
// at once; the batch then reports in_progress for the configured number of
// polls before completed.
func (s *Server) handleCreateBatch(w http.ResponseWriter, r *http.Request) {
	var req struct {
		InputFileID      string         `json:"input_file_id"`
		Endpoint         string         `json:"endpoint"`
		CompletionWindow string         `json:"completion_window"`
		Metadata         map[string]any `json:"metadata"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, Error(http.StatusBadRequest, "invalid JSON body", "invalid_request_error", ""))
		return
	}
	if req.Endpoint != "/v1/chat/completions" {
		writeError(w, Error(http.StatusBadRequest, "unsupported endpoint "+req.Endpoint, "invalid_request_error", ""))
		return
	}
	input, ok := s.File(req.InputFileID)
	if !ok {
		writeError(w, Error(http.StatusBadRequest, "No such File object: "+req.InputFileID, "invalid_request_error", ""))
		return
	}
	var out, errs bytes.Buffer
	b := &batch{Endpoint: req.Endpoint, InputFileID: req.InputFileID, Window: req.CompletionWindow, Metadata: req.Metadata, Created: time.Now().Unix()}
	sc := bufio.NewScanner(bytes.NewReader(input))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		b.Total++
		var item struct {
			CustomID string  `json:"custom_id"`
			Method   string  `json:"method"`
			URL      string  `json:"url"`
			Body     Request `json:"body"`
		}
		if err := json.Unmarshal([]byte(line), &item); err != nil {
			b.Failed++
			fmt.Fprintf(&errs, `{"custom_id":null,"error":{"code":"invalid_json","message":%q}}`+"\n", err.Error())
			continue
		}
		creq := item.Body
		creq.Batch, creq.CustomID, creq.Path = true, item.CustomID, item.URL
		reply, ok := s.serve(&creq)
		status := cmpOr(reply.Status, http.StatusOK)
		if !ok {
			status = reply.Status
		}
		var body any
		if status >= 400 {
			var eb errorBody
			eb.Error.Message, eb.Error.Type = reply.ErrorMessage, reply.ErrorType
			body = eb
			b.Failed++
		} else {
			body = completion(&creq, reply)
			b.Completed++
		}
		line2, _ := json.Marshal(map[string]any{
			"id": fmt.Sprintf("batch_req_%d", creq.N), "custom_id": item.CustomID,
			"response": map[string]any{"status_code": status, "request_id": fmt.Sprintf("req_%d", creq.N), "body": body},
			"error":    nil,
		})
		out.Write(line2)
		out.WriteByte('\n')
	}
	s.mu.Lock()
	b.ID = s.id("batch")
	b.Status = "validating"
	outFile := &file{ID: s.id("file"), Filename: b.ID + "_output.jsonl", Purpose: "batch_output", Data: out.Bytes(), Created: b.Created}
	s.files[outFile.ID] = outFile
	b.OutputFileID = outFile.ID
	if errs.Len() > 0 {
		ef := &file{ID: s.id("file"), Filename: b.ID + "_error.jsonl", Purpose: "batch_output", Data: errs.Bytes(), Created: b.Created}
		s.files[ef.ID] = ef
		b.ErrorFileID = ef.ID
	}
	s.batches[b.ID] = b
	s.advance(b)
	obj := b.object()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, obj)
}

// advance moves a batch one poll forward; callers hold s.mu.
func (s *Server) advance(b *batch) {
	if b.Status == "cancelled" || b.Status == "completed" {
		return
	}
	if b.polls >= s.batchPolls {
		b.Status = "completed"
		return
	}
	b.polls++
	b.Status = "in_progress"
}

func (s *Server) handleBatch(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	b, ok := s.batches[r.PathValue("id")]
	var obj any
	if ok {
		s.advance(b)
		obj = b.object()
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, Error(http.StatusNotFound, "No such Batch object: "+r.PathValue("id"), "invalid_request_error", ""))
		return
	}
	writeJSON(w, http.StatusOK, obj)
}

func (s *Server) handleCancelBatch(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	b, ok := s.batches[r.PathValue("id")]
	var obj any
	if ok && b.Status != "completed" {
		b.Status = "cancelled"
	}
	if ok {
		obj = b.object()
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, Error(http.StatusNotFound, "No such Batch object: "+r.PathValue("id"), "invalid_request_error", ""))
		return
	}
	writeJSON(w, http.StatusOK, obj)
}
