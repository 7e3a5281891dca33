-- Round-robin over the bearer tokens in the file named by TOKENS (one per line); with HEADER=X-Ignored the same
-- per-request work is done but the token goes in a header nothing reads (the baseline for the same script cost).
local header = os.getenv("HEADER") or "Authorization"
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  tokens[#tokens + 1] = "Bearer " .. line
end
local i = 0

function setup(thread)
  thread:set("offset", i)
  i = i + 1
end

function init(args)
  i = (offset or 0) * 7919
end

request = function()
  i = i + 1
  wrk.headers[header] = tokens[(i % #tokens) + 1]
  return wrk.format("GET")
end
