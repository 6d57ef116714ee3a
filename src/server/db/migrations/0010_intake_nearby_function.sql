-- The duplicate check's candidates near a point (src/server/requests/intake-service.ts), asked on
-- every request taken in. As a function its plan is made once per connection and kept (a generic
-- plan), where a statement sent each time is planned each time — and planning a query over a
-- table with a dozen indexes costs more than running it. The generic plan must read the open
-- requests of the category in the band of latitude around the point (index
-- citizen_requests_nearby_idx); the time window is therefore checked on the requests found there
-- (OFFSET 0 keeps it out of the index search): a plan made without the actual values would
-- otherwise read the whole window through the time index.
CREATE FUNCTION intake_nearby_open(p_service uuid, p_min_lat float8, p_max_lat float8, p_min_lon float8, p_max_lon float8,
  p_since timestamptz, p_until timestamptz, p_lat float8, p_lon float8, p_lon_scale float8)
RETURNS TABLE (id uuid, code text, service_id uuid, received_at timestamptz, lat float8, lon float8, address text, division_code text)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  RETURN QUERY
    SELECT c.id, c.code, c.service_id, c.received_at, c.lat, c.lon, c.address, c.division_code
    FROM (SELECT r.id, r.code, r.service_id, r.received_at, r.lat, r.lon, r.address, r.division_code
          FROM citizen_requests r
          WHERE r.service_id = p_service AND r.status <> 'closed' AND r.lat IS NOT NULL
            AND r.lat BETWEEN p_min_lat AND p_max_lat AND r.lon BETWEEN p_min_lon AND p_max_lon
          OFFSET 0) c
    WHERE c.received_at BETWEEN p_since AND p_until
    ORDER BY (c.lat - p_lat) ^ 2 + ((c.lon - p_lon) * p_lon_scale) ^ 2
    LIMIT 20;
END;
$$;
