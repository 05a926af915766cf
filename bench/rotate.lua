-- wrk script of `python -m bench`: rotates over a list of requests so that no one
-- case, page or search term is measured warm while the others are not.
--
--   wrk ... -s bench/rotate.lua URL -- REQUESTS_FILE
--
-- REQUESTS_FILE: one request a line, METHOD <TAB> PATH <TAB> BODY (BODY may be
-- empty; a body is sent as JSON). BENCH_TOKEN in the environment, when set, is sent
-- as a bearer token. Each wrk thread starts at its own place in the list.

local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

local requests = {}
local next_index = 0

function init(args)
  local token = os.getenv("BENCH_TOKEN") or ""
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^([^\t]+)\t([^\t]+)\t?(.*)$")
    if method then
      local headers = {}
      if token ~= "" then
        headers["Authorization"] = "Bearer " .. token
      end
      if body == "" then
        body = nil
      else
        headers["Content-Type"] = "application/json"
      end
      requests[#requests + 1] = wrk.format(method, path, headers, body)
    end
  end
  if #requests == 0 then
    error("no requests in " .. tostring(args[1]))
  end
  next_index = ((thread_number or 0) * 7919) % #requests
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end
