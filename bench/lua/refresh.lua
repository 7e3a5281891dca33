-- POST /auth/refresh with rotation: one single-use chain per connection. Run with as many threads as connections
-- (-t N -c N), so each thread's Lua state drives one connection's chain; each answer's refreshToken is the next one
-- presented. The starting tokens are the lines of the file named by TOKENS.
local starts = {}
for line in io.lines(os.getenv("TOKENS")) do
  starts[#starts + 1] = line
end
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("token", starts[threads])
end

request = function()
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, '{"refreshToken":"' .. token .. '"}')
end

response = function(status, headers, body)
  if status == 200 then
    token = string.match(body, '"refreshToken":"([^"]+)"')
  end
end
