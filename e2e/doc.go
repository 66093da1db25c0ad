// Package e2e holds the browser end-to-end tests of the web page: they start
// the real server in-process (real language detector, fact extractor,
// summarizers, and the OpenAI-compatible stub server for the LLM), drive
// Debian's headless Chromium with chromedp, and save screenshots of the page
// at desktop and phone widths to testresults/screenshots/ at the repository
// root. Run them with `go test ./e2e/`; they skip when Chromium is not
// installed (scripts/test.sh installs it).
package e2e
