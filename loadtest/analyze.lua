-- wrk script for scripts/loadtest.sh: POST /v1/analyze with real articles,
-- alternating an English and a Bengali one, and count the answers.
--
--   wrk -s loadtest/analyze.lua URL -- TESTDATA_DIR LLM_MODE LANGUAGES
--
-- TESTDATA_DIR holds article_en.txt and article_bn.txt; LLM_MODE is off,
-- auto or required; LANGUAGES is a comma-separated list (en,bn). At the end
-- it prints one line "RESULT key=value ..." for the script to read.

local bodies = {}
local counter = 0

-- Globals read by done() through thread:get().
statuses = {}
llm_ok = 0

local threads = {}

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

-- json_string quotes s as a JSON string; UTF-8 bytes pass unchanged.
local function json_string(s)
  local map = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
  return '"' .. s:gsub('[%c"\\]', function(c)
    return map[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local dir = args[1] or "loadtest/testdata"
  local mode = args[2] or "off"
  local langs = {}
  for l in string.gmatch(args[3] or "en,bn", "[^,]+") do
    langs[#langs + 1] = '"' .. l .. '"'
  end
  for _, name in ipairs({ "article_en.txt", "article_bn.txt" }) do
    bodies[#bodies + 1] = '{"text":' .. json_string(read(dir .. "/" .. name)) ..
      ',"languages":[' .. table.concat(langs, ",") .. '],"llm":"' .. mode .. '"}'
  end
  counter = math.random(#bodies)
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/v1/analyze", { ["Content-Type"] = "application/json" }, bodies[(counter % #bodies) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 200 and body:find('"method":"llm"', 1, true) then
    llm_ok = llm_ok + 1
  end
end

function done(summary, latency, requests)
  local all, ok, llm = {}, 0, 0
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do
      all[status] = (all[status] or 0) + n
    end
    llm = llm + t:get("llm_ok")
  end
  local codes = {}
  for status, n in pairs(all) do
    codes[#codes + 1] = status .. ":" .. n
    if status >= 200 and status < 300 then
      ok = ok + n
    end
  end
  table.sort(codes)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f ok=%d non2xx=%d llm=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_timeout=%d statuses=%s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    ok, e.status, llm, e.connect, e.read, e.write, e.timeout, table.concat(codes, ",")))
end
