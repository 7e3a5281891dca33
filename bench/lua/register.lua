-- POST /auth/register with a new address each time (thread number, counter and a run id keep them unique).
local run = os.getenv("RUN_ID") or tostring(os.time())
local threads = 0
local n = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

request = function()
  n = n + 1
  local body = string.format('{"email":"bench-%s-%d-%d@platform.test","password":"correct-horse-1","name":"Bench"}', run, id, n)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
