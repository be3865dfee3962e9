-- Pipelining for wrk, after wrk's examples/pipeline.lua: each "request" wrk sends is DEPTH
-- copies of the GET for the URL's path, written back to back on one connection.
-- Usage: wrk -s pipeline.lua URL -- DEPTH   (DEPTH defaults to 16)
-- wrk counts every response, so requests/s is per HTTP request; latency is per batch.

init = function(args)
   local depth = tonumber(args[1]) or 16
   local r = {}
   for i = 1, depth do
      r[i] = wrk.format(nil, wrk.path)
   end
   req = table.concat(r)
end

request = function()
   return req
end
