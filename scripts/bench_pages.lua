-- wrk script for scripts/bench: GETs household pages in turn, authenticated with a bearer token.
-- Reads WRK_IDS (a file of household ids, one a line) and WRK_TOKEN from the environment.
local ids, counter = {}, 0

function init(args)
  for line in io.lines(os.getenv("WRK_IDS")) do ids[#ids + 1] = line end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN")
end

function request()
  counter = counter % #ids + 1
  return wrk.format("GET", "/households/" .. ids[counter])
end
