-- wrk script for scripts/bench: POSTs field submissions with a fresh idempotency key each,
-- on random assignments of the benchmark directive, authenticated with a bearer token.
-- Reads WRK_IDS (a file of assignment ids, one a line) and WRK_TOKEN from the environment.
local ids, counter, thread_id = {}, 0, 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  for line in io.lines(os.getenv("WRK_IDS")) do ids[#ids + 1] = tonumber(line) end
  math.randomseed(thread_id * 7919)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN")
end

function request()
  counter = counter + 1
  local outcome = (counter % 3 == 0) and "refused" or "absent"
  local body = string.format('{"assignment_id":%d,"outcome":"%s","key":"wrk-%d-%d-%d"}',
    ids[math.random(#ids)], outcome, thread_id, counter, os.time())
  return wrk.format(nil, "/api/v1/submissions", nil, body)
end
